/** Rendering result tables as aligned plain text and as GitHub Markdown. */

/** Column alignment. */
export type Align = 'left' | 'right';

/** A table: header cells, rows of cells, and per-column alignment. */
export interface Table {
  /** Header cells. */
  header: readonly string[];
  /** Body rows, each as long as `header`. */
  rows: readonly (readonly string[])[];
  /** Alignment per column; missing columns are left-aligned. */
  align?: readonly Align[];
}

function pad(text: string, width: number, align: Align): string {
  return align === 'right' ? text.padStart(width) : text.padEnd(width);
}

function widths(table: Table): number[] {
  return table.header.map((h, i) =>
    Math.max(h.length, ...table.rows.map((r) => (r[i] ?? '').length)),
  );
}

/** The table as aligned plain text, columns separated by two spaces. */
export function renderText(table: Table): string {
  const w = widths(table);
  const line = (cells: readonly string[]): string =>
    cells
      .map((c, i) => pad(c, w[i]!, table.align?.[i] ?? 'left'))
      .join('  ')
      .trimEnd();
  const rule = w.map((n) => '-'.repeat(n)).join('  ');
  return [line(table.header), rule, ...table.rows.map(line)].join('\n');
}

/** The table as GitHub Markdown, alignment markers included, padded as Biome formats it. */
export function renderMarkdown(table: Table): string {
  const escaped: Table = {
    header: table.header.map((c) => c.replaceAll('|', '\\|')),
    rows: table.rows.map((r) => r.map((c) => c.replaceAll('|', '\\|'))),
    ...(table.align === undefined ? {} : { align: table.align }),
  };
  const w = widths(escaped).map((n) => Math.max(n, 2));
  const alignOf = (i: number): Align => table.align?.[i] ?? 'left';
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((c, i) => pad(c, w[i]!, alignOf(i))).join(' | ')} |`;
  const rule = w.map((n, i) =>
    alignOf(i) === 'right' ? `${'-'.repeat(n - 1)}:` : `:${'-'.repeat(n - 1)}`,
  );
  return [line(escaped.header), line(rule), ...escaped.rows.map(line)].join('\n');
}
