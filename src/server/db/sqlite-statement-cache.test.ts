import SqliteDatabase from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from './sqlite-statement-cache';

describe('SQLite prepared-statement cache', () => {
  const sqlite = new SqliteDatabase(':memory:');
  sqlite.exec('create table t (n integer); insert into t values (1), (2), (3)');

  it('hands out the same statement for the same SQL text, and results stay right', () => {
    const cached = withStatementCache(sqlite);
    const first = cached.prepare('select n from t where n > ? order by n');
    expect(cached.prepare('select n from t where n > ? order by n')).toBe(first);
    expect(cached.prepare('select n from t where n > ? order by n').all([1])).toEqual([{ n: 2 }, { n: 3 }]);
    expect(cached.prepare('select n from t where n > ? order by n').all([2])).toEqual([{ n: 3 }]);
  });

  it('prepares a fresh statement while the cached one is still iterating (a streamed query)', () => {
    const cached = withStatementCache(sqlite);
    const source = 'select n from t order by n';
    const streaming = cached.prepare(source);
    const rows = streaming.iterate([]);
    expect(rows.next().value).toEqual({ n: 1 });
    const meanwhile = cached.prepare(source);
    expect(meanwhile).not.toBe(streaming);
    expect(meanwhile.all([])).toHaveLength(3);
    expect([...rows]).toEqual([{ n: 2 }, { n: 3 }]);
    // Once the stream ended, the cached statement is handed out again.
    expect(cached.prepare(source)).toBe(streaming);
  });

  it('keeps at most `capacity` statements, dropping the least recently used', () => {
    const cached = withStatementCache(sqlite, 2);
    const a = cached.prepare('select 1');
    const b = cached.prepare('select 2');
    expect(cached.prepare('select 1')).toBe(a);
    cached.prepare('select 3');
    // "select 2" was the least recently used: it was dropped; "select 1" was kept.
    expect(cached.prepare('select 1')).toBe(a);
    expect(cached.prepare('select 2')).not.toBe(b);
  });
});
