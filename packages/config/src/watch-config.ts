import { type FSWatcher, watch } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { type DictConfigOptions, dictConfig } from './dict-config.js';
import { messageOf } from './errors.js';
import { type FileConfigOptions, fileConfig } from './file-config.js';
import { loadConfigFile } from './load-config-file.js';

/** Options of {@link watchConfig}. */
export interface WatchConfigOptions extends DictConfigOptions, Omit<FileConfigOptions, 'encoding'> {
  /** Reload when the process receives this signal; false for none. @default 'SIGHUP' */
  signal?: NodeJS.Signals | false;
  /** Reload when the file changes (watching its directory, so editors' rename-saves count). @default true */
  watch?: boolean;
  /** Changes closer together than this coalesce into one reload. @default 100 */
  debounceMs?: number;
  /** Called after each successful apply (the first one included). */
  onReload?: () => void;
  /** Called when a reload is rejected; the running configuration stays. Default: a line on stderr. */
  onError?: (error: Error) => void;
}

/** A running watch; see {@link watchConfig}. */
export interface ConfigWatcher {
  /** Settles after the first apply (rejects if the file is invalid at start). */
  readonly ready: Promise<void>;
  /** Reloads now (coalesced with a reload in progress); settles once applied or rejected. */
  reload(): Promise<void>;
  /** Stops watching and removes the signal listener. */
  close(): void;
}

/**
 * Safe hot reload: applies the configuration file (JSON, YAML or INI, by extension), then
 * applies it again whenever it changes or the process gets SIGHUP — each time all or
 * nothing, so a broken edit is reported (`onError`) and the running configuration stays.
 * Handlers whose configuration did not change are carried over with their descriptors, so
 * nothing logged during a reload is lost and no file is reopened; handlers that went away
 * are flushed and closed after the swap.
 */
export function watchConfig(path: string, options: WatchConfigOptions = {}): ConfigWatcher {
  const {
    signal = 'SIGHUP',
    watch: doWatch = true,
    debounceMs = 100,
    onReload,
    onError,
    ...applyOptions
  } = options;
  const file = resolve(path);
  const report =
    onError ??
    ((e: Error) => {
      try {
        process.stderr.write(
          `logweave config: reloading ${file} failed, keeping the running configuration: ${e.message}\n`,
        );
      } catch {
        // nothing left to report to
      }
    });
  let running: Promise<void> | null = null;
  let again = false;
  let closed = false;
  const applyOnce = async (): Promise<void> => {
    const loaded = loadConfigFile(file);
    const opts = { baseDir: dirname(file), ...applyOptions };
    if (loaded.kind === 'dict') await dictConfig(loaded.config, opts);
    else await fileConfig({ text: loaded.text }, opts);
    onReload?.();
  };
  const reload = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await applyOnce();
        } catch (e) {
          report(e instanceof Error ? e : new Error(messageOf(e)));
        }
      } while (again && !closed);
      running = null;
    })();
    return running;
  };
  const ready = applyOnce();
  let watcher: FSWatcher | null = null;
  let timer: NodeJS.Timeout | null = null;
  const onSignal = (): void => {
    void reload();
  };
  ready.then(
    () => {
      if (closed) return;
      if (signal) process.on(signal, onSignal);
      if (doWatch) {
        watcher = watch(dirname(file), { persistent: false }, (_event, name) => {
          if (name !== null && name !== basename(file)) return;
          if (timer) clearTimeout(timer);
          timer = setTimeout(() => {
            timer = null;
            void reload();
          }, debounceMs);
          timer.unref();
        });
        watcher.on('error', (e) => report(e));
      }
    },
    () => {},
  );
  return {
    ready,
    reload,
    close: () => {
      closed = true;
      if (signal) process.off(signal, onSignal);
      watcher?.close();
      if (timer) clearTimeout(timer);
    },
  };
}
