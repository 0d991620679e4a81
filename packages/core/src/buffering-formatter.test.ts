import { describe, expect, it } from 'vitest';
import { BufferingFormatter } from './buffering-formatter.js';
import { Formatter } from './formatter.js';
import { type LogRecord, makeLogRecord } from './record.js';

const records = [makeLogRecord({ msg: 'a', args: [] }), makeLogRecord({ msg: 'b', args: [] })];

describe('BufferingFormatter.format()', () => {
  it("returns '' for no records, without calling the header or footer", () => {
    class Framed extends BufferingFormatter {
      override formatHeader(): string {
        throw new Error('not called');
      }
    }
    expect(new Framed().format([])).toBe('');
  });

  it('joins the default line formatter output of every record', () => {
    expect(new BufferingFormatter().format(records)).toBe('ab');
  });

  it('frames the records with formatHeader and formatFooter', () => {
    class Framed extends BufferingFormatter {
      override formatHeader(rs: readonly LogRecord[]): string {
        return `<${rs.length}>`;
      }
      override formatFooter(): string {
        return '</>';
      }
    }
    expect(new Framed(new Formatter('[%(message)s]')).format(records)).toBe('<2>[a][b]</>');
  });
});
