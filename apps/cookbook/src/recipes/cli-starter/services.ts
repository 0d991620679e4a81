/** `'foo'`, `'foo' and 'bar'`, `'foo', 'bar' and 'baz'`, and the plural suffix. */
export function describeServices(names: readonly string[]): [services: string, plural: string] {
  const quoted = names.map((n) => `'${n}'`);
  if (quoted.length === 1) return [quoted[0]!, ''];
  return [`${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`, 's'];
}
