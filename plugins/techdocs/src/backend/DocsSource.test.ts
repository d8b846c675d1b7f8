import { describe, expect, it } from 'vitest';
import { editUrlOf } from './DocsSource.js';

describe('editUrlOf', () => {
  it("opens each host's editor for the file", () => {
    expect(editUrlOf('http://localhost:7007/git/acme/payments/blob/main/docs/index.md')).toBe(
      'http://localhost:7007/git/acme/payments/edit/main/docs/index.md',
    );
    expect(editUrlOf('https://github.com/acme/payments/blob/main/docs/index.md')).toBe('https://github.com/acme/payments/edit/main/docs/index.md');
    expect(editUrlOf('https://gitlab.com/acme/group/payments/-/blob/main/docs/index.md')).toBe(
      'https://gitlab.com/acme/group/payments/-/edit/main/docs/index.md',
    );
    expect(editUrlOf('https://gitea.example.com/acme/payments/src/branch/main/docs/index.md')).toBe(
      'https://gitea.example.com/acme/payments/_edit/main/docs/index.md',
    );
    // A folder called blob deeper in the path is left alone.
    expect(editUrlOf('https://github.com/acme/payments/blob/main/blob/a.md')).toBe('https://github.com/acme/payments/edit/main/blob/a.md');
  });
});
