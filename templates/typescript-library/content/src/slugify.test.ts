import { describe, expect, it } from 'vitest';
import { slugify } from './index.js';

describe('slugify', () => {
  it('joins lower-case words with dashes', () => {
    expect(slugify('Hello, World!')).toBe('hello-world');
  });

  it('removes accents instead of dropping letters', () => {
    expect(slugify('Crème brûlée à Paris')).toBe('creme-brulee-a-paris');
  });

  it('cuts long text at a word boundary', () => {
    expect(slugify('one two three four', { maxLength: 9 })).toBe('one-two');
    expect(slugify('supercalifragilistic', { maxLength: 5 })).toBe('super');
  });

  it('uses the given separator', () => {
    expect(slugify('a b c', { separator: '_' })).toBe('a_b_c');
  });

  it('returns an empty string when nothing is left', () => {
    expect(slugify('  !!! ')).toBe('');
  });
});
