import { EventEmitter } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { Context, ContextVar, copyContext, runWith, Token } from './context-var.js';
import { ContextVarLookupError, TokenError } from './errors.js';

describe('ContextVar.get()', () => {
  it('throws LookupError with no value and no default, as Python does', () => {
    const v = new ContextVar<string>('v');
    expect(() => v.get()).toThrow(ContextVarLookupError);
    expect(() => v.get()).toThrow("<ContextVar name='v'>");
  });

  it('returns the argument default, then the variable default', () => {
    const v = new ContextVar<string>('v', { default: 'd' });
    expect(v.get('arg')).toBe('arg');
    expect(v.get()).toBe('d');
    expect(new ContextVar<null>('n', { default: null }).get()).toBe(null);
  });
});

describe('ContextVar.set() / reset()', () => {
  it('restores the previous value, then the missing state', () => {
    const v = new ContextVar<number>('v');
    copyContext().run(() => {
      const t1 = v.set(1);
      expect(t1.old_value).toBe(Token.MISSING);
      const t2 = v.set(2);
      expect(t2.old_value).toBe(1);
      expect(v.get()).toBe(2);
      v.reset(t2);
      expect(v.get()).toBe(1);
      v.reset(t1);
      expect(() => v.get()).toThrow(ContextVarLookupError);
    });
  });

  it('rejects a token used twice or made by another variable', () => {
    const a = new ContextVar<number>('a');
    const b = new ContextVar<number>('b');
    copyContext().run(() => {
      const t = a.set(1);
      expect(() => b.reset(t as unknown as Token<number>)).toThrow(TokenError);
      a.reset(t);
      expect(() => a.reset(t)).toThrow('has already been used once');
    });
  });

  it('keeps values set in a Context.run() in that context afterwards (Python semantics)', () => {
    const v = new ContextVar<string>('v');
    const ctx = copyContext();
    ctx.run(() => v.set('spam'));
    expect(ctx.get(v)).toBe('spam');
    expect(ctx.has(v)).toBe(true);
    expect(ctx.size).toBe(1);
    expect([...ctx]).toEqual([v]);
    expect(v.get('outside')).toBe('outside');
    expect(ctx.run(() => v.get())).toBe('spam');
  });

  it('does not leak into concurrent chains started earlier', async () => {
    const v = new ContextVar<string>('v', { default: '-' });
    const seen: string[] = [];
    await copyContext().run(async () => {
      const a = (async () => {
        await sleep(5);
        seen.push(`a:${v.get()}`);
      })();
      const b = (async () => {
        await sleep(1);
        v.set('b');
        await sleep(10);
        seen.push(`b:${v.get()}`);
      })();
      await Promise.all([a, b]);
      seen.push(`parent:${v.get()}`);
    });
    expect(seen.sort()).toEqual(['a:-', 'b:b', 'parent:-']);
  });
});

describe('ContextVar.run()', () => {
  it('scopes the value to fn and everything it starts (timers, promises, emitters)', async () => {
    const v = new ContextVar<string>('v', { default: 'none' });
    const ee = new EventEmitter();
    const seen: string[] = [];
    ee.on('x', () => seen.push(`emitter:${v.get()}`));
    const p = v.run('r1', async () => {
      await sleep(1);
      seen.push(`await:${v.get()}`);
      setTimeout(() => seen.push(`timer:${v.get()}`), 1);
      await sleep(5);
      ee.emit('x');
      return v.get();
    });
    expect(v.get()).toBe('none');
    expect(await p).toBe('r1');
    expect(seen).toEqual(['await:r1', 'timer:r1', 'emitter:r1']);
  });

  it('nests: the inner value wins inside, the outer one is back after', () => {
    const v = new ContextVar<number>('v');
    const w = new ContextVar<number>('w');
    v.run(1, () => {
      w.run(2, () => {
        v.run(3, () => expect([v.get(), w.get()]).toEqual([3, 2]));
        expect(v.get()).toBe(1);
      });
      expect(w.get(0)).toBe(0);
    });
  });

  it('runWith sets several variables in one context', () => {
    const a = new ContextVar<number>('a');
    const b = new ContextVar<number>('b');
    const r = runWith(
      new Map<ContextVar<unknown>, unknown>([
        [a, 1],
        [b, 2],
      ]),
      () => [a.get(), b.get()],
    );
    expect(r).toEqual([1, 2]);
  });

  it('a Context made with no values is empty', () => {
    const v = new ContextVar<number>('v');
    v.run(5, () => {
      expect(new Context().run(() => v.get(0))).toBe(0);
      expect(copyContext().run(() => v.get())).toBe(5);
    });
  });
});
