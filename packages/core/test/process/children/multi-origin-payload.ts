// The text of record n from an origin in multi-origin.test.ts: its length varies (up to a
// few KiB, so writes of several origins would interleave if lines were not whole) and it
// can be checked exactly.
export function payload(origin: number, n: number): string {
  const len = (n * 7919 + origin * 104729) % 3000;
  return `${String.fromCharCode(97 + origin)}${'.'.repeat(len)}|end-${origin}-${n}`;
}
