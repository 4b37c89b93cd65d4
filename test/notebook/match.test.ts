// Output matching: exact lines, ... runs, [..] wildcards, (re) lines, diffs and updates.
import { describe, expect, it } from 'vitest';
import { align, matches, renderDiff, updatedLines } from '../../src/notebook/match.ts';

describe('matching', () => {
  it('compares lines exactly after trimming trailing white space', () => {
    expect(matches(['a  ', 'b'], ['a', 'b'])).toBe(true);
    expect(matches(['a'], ['b'])).toBe(false);
  });

  it('lets ... match any number of lines, including none', () => {
    expect(matches(['1', '...', '10'], ['1', '2', '3', '10'])).toBe(true);
    expect(matches(['1', '...', '2'], ['1', '2'])).toBe(true);
    expect(matches(['1', '...'], ['2'])).toBe(false);
  });

  it('supports [..] inside a line and (re) lines', () => {
    expect(matches(['pid [..] ok'], ['pid 42 ok'])).toBe(true);
    expect(matches(['\\d+ packets (re)'], ['12 packets'])).toBe(true);
    expect(matches(['\\d+ packets (re)'], ['x packets'])).toBe(false);
  });

  it('renders a unified diff of expected against actual', () => {
    expect(renderDiff(align(['a', 'b', 'c'], ['a', 'x', 'c']))).toBe(
      '--- expected\n+++ actual\n a\n-b\n+x\n c\n',
    );
  });

  it('keeps wildcard lines that still match when updating', () => {
    const steps = align(['first [..]', '...', 'last', 'gone'], ['first 1', 'm1', 'm2', 'last', 'new']);
    expect(updatedLines(steps)).toEqual(['first [..]', '...', 'last', 'new']);
  });

  it('escapes actual lines that would read back as patterns', () => {
    expect(updatedLines(align([], ['...', '[1]']))).toEqual(['\\.\\.\\. (re)', '\\[1\\] (re)']);
  });
});
