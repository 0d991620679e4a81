/*
 * libnng push/pull for the `push-pull` scenario's `libnng` row, written for throughput (unlike
 * nngcat, which flushes stdout after every message).
 *   nng-push-pull pull <url> <outfile>   listen, append every message to outfile (buffered,
 *                                        flushed every 64 KiB and after 5 ms without data)
 *   nng-push-pull push <url> <count>     dial, send <count> messages of 99 'x' and '\n'
 * Build: cc -O2 -o nng-push-pull nng-push-pull.c -lnng   (Debian: libnng-dev)
 */
#include <nng/nng.h>
#include <nng/protocol/pipeline0/pull.h>
#include <nng/protocol/pipeline0/push.h>
#include <nng/supplemental/util/platform.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void die(const char *what, int rv) {
  fprintf(stderr, "nng-push-pull: %s: %s\n", what, nng_strerror(rv));
  exit(1);
}

int main(int argc, char **argv) {
  nng_socket s;
  int rv;
  if (argc != 4) {
    fprintf(stderr, "usage: nng-push-pull pull <url> <outfile> | push <url> <count>\n");
    return 2;
  }
  if (strcmp(argv[1], "pull") == 0) {
    FILE *out = fopen(argv[3], "wb");
    if (out == NULL) return 1;
    setvbuf(out, NULL, _IOFBF, 65536);
    if ((rv = nng_pull0_open(&s)) != 0) die("open", rv);
    nng_socket_set_ms(s, NNG_OPT_RECVTIMEO, 5);
    if ((rv = nng_listen(s, argv[2], NULL, 0)) != 0) die("listen", rv);
    printf("ready\n");
    fflush(stdout);
    for (;;) {
      nng_msg *m;
      rv = nng_recvmsg(s, &m, 0);
      if (rv == NNG_ETIMEDOUT) {
        fflush(out);
        continue;
      }
      if (rv != 0) die("recv", rv);
      fwrite(nng_msg_body(m), 1, nng_msg_len(m), out);
      nng_msg_free(m);
    }
  }
  long count = atol(argv[3]);
  char body[100];
  memset(body, 'x', 99);
  body[99] = '\n';
  if ((rv = nng_push0_open(&s)) != 0) die("open", rv);
  if ((rv = nng_dial(s, argv[2], NULL, 0)) != 0) die("dial", rv);
  for (long i = 0; i < count; i++) {
    if ((rv = nng_send(s, body, sizeof body, 0)) != 0) die("send", rv);
  }
  /* nng_close() may discard queued messages; the parent waits for the bytes and kills us. */
  for (;;) nng_msleep(1000);
}
