import fs from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'tinyglobby';
import type { ValidationProblem } from '@portal/catalog-model';

/** A Template entity as read from a file: where it is, and its steps. */
export interface TemplateDocument {
  file: string;
  entityRef: string;
  spec: Record<string, unknown>;
}

export interface OutputExpression {
  line: number;
  /** The whole `${{ … }}`, as written. */
  text: string;
  /** What is between the braces, trimmed. */
  expression: string;
}

/**
 * The `${{ … }}` outputs of a nunjucks template, with their lines. `{% … %}` tags are control
 * flow and `{# … #}` comments print nothing, so neither is an output; a `}}` inside a quoted
 * string (`${{ '${{ matrix.node }}' | dump }}`) does not end the expression.
 */
export function findOutputExpressions(text: string): OutputExpression[] {
  const found: OutputExpression[] = [];
  let i = 0;
  while (i < text.length) {
    if (text.startsWith('{#', i)) {
      const end = text.indexOf('#}', i + 2);
      i = end === -1 ? text.length : end + 2;
      continue;
    }
    if (!text.startsWith('${{', i)) {
      i++;
      continue;
    }
    const start = i;
    let quote: string | undefined;
    i += 3;
    while (i < text.length && (quote !== undefined || !text.startsWith('}}', i))) {
      const char = text[i]!;
      if (quote !== undefined && char === '\\') i++;
      else if (quote !== undefined && char === quote) quote = undefined;
      else if (quote === undefined && (char === '"' || char === "'")) quote = char;
      i++;
    }
    i = Math.min(i + 2, text.length);
    const whole = text.slice(start, i);
    found.push({ line: text.slice(0, start).split('\n').length, text: whole, expression: whole.slice(3, whole.endsWith('}}') ? -2 : undefined).trim() });
  }
  return found;
}

/**
 * An expression split at its top-level `|`s, each part with its quoted strings and bracketed
 * groups blanked out, so that operators and filter names can be seen at a glance.
 */
function topLevelParts(expression: string): Array<{ text: string; bare: string }> {
  const parts: Array<{ text: string; bare: string }> = [];
  let depth = 0;
  let quote: string | undefined;
  let text = '';
  let bare = '';
  for (let i = 0; i < expression.length; i++) {
    const char = expression[i]!;
    if (quote === undefined && depth === 0 && char === '|') {
      parts.push({ text, bare });
      text = bare = '';
      continue;
    }
    text += char;
    if (quote !== undefined) {
      if (char === '\\') text += expression[++i] ?? '';
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if ('([{'.includes(char)) depth++;
    else if (')]}'.includes(char)) depth--;
    else if (depth === 0) {
      bare += char;
      continue;
    }
    bare += ' ';
  }
  parts.push({ text, bare });
  return parts;
}

const OPERATOR = /\b(?:or|and|not|if|else|in|is)\b|[-+*/%~<>=!]/;
const FILTER = /^\s*[A-Za-z_]\w*\s*$/;

/**
 * Whether `dump` is what prints the whole expression: `operand | f | … | dump`. A filter binds
 * tighter than any operator, so in `a or b | dump` it quotes `b` alone and `a` is printed bare.
 */
export function isDumpedLast(expression: string): boolean {
  const [operand, ...filters] = topLevelParts(expression);
  const last = filters.at(-1);
  if (!operand || !last || OPERATOR.test(operand.bare)) return false;
  return filters.every(filter => FILTER.test(filter.bare)) && last.bare.trim() === 'dump';
}

function adviceFor(expression: string): string {
  // A literal `${{` opening a GitHub Actions expression is quoted whole, with the rest of it.
  if (/^(['"])\$\{\{\1$/.test(expression)) return "write the literal as one string: ${{ '${{ matrix.node }}' | dump }}";
  const [operand, ...filters] = topLevelParts(expression);
  const simple = operand !== undefined && !OPERATOR.test(operand.bare) && filters.every(filter => FILTER.test(filter.bare));
  return `pass it through dump last: \${{ ${simple ? `${expression} | dump` : `(${expression}) | dump`} }}`;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The skeleton folders of a template's `fetch:template` steps: relative folders only, as the portal reads them. */
function skeletonsOf(template: TemplateDocument): Array<{ url: string; extension?: string; verbatim: string[] }> {
  const steps = Array.isArray(template.spec.steps) ? template.spec.steps : [];
  return steps.filter(isObject).flatMap(step => {
    const input = isObject(step.input) ? step.input : {};
    const url = input.url;
    if (step.action !== 'fetch:template' || typeof url !== 'string' || url.includes('${{') || /^[a-z][a-z0-9+.-]*:/i.test(url) || path.isAbsolute(url))
      return [];
    const extension = input.templateFileExtension === true ? '.njk' : typeof input.templateFileExtension === 'string' ? input.templateFileExtension : undefined;
    const verbatim = Array.isArray(input.copyWithoutTemplating)
      ? input.copyWithoutTemplating.filter((g): g is string => typeof g === 'string').map(g => g.replace(/^\.\//, ''))
      : [];
    return [{ url, extension, verbatim }];
  });
}

/**
 * Warns about each `${{ … }}` in a template's YAML skeleton files that is not passed through
 * `| dump` last: a value with a newline or `: ` printed bare into YAML adds keys or whole
 * documents (a second entity in catalog-info.yaml), where dump prints it as one quoted string.
 */
export async function lintTemplateSkeletons(templates: TemplateDocument[], cwd: string): Promise<ValidationProblem[]> {
  const problems: ValidationProblem[] = [];
  const seen = new Set<string>();
  for (const template of templates) {
    for (const skeleton of skeletonsOf(template)) {
      const folder = path.join(path.dirname(template.file), skeleton.url);
      const absolute = path.resolve(cwd, folder);
      if (seen.has(absolute)) continue;
      seen.add(absolute);
      const suffix = skeleton.extension ?? '';
      // With templateFileExtension only files ending in it are rendered; otherwise all but the verbatim ones.
      const files = await glob([`**/*.{yaml,yml}${suffix}`], {
        cwd: absolute,
        dot: true,
        onlyFiles: true,
        ignore: skeleton.extension ? [] : skeleton.verbatim,
      }).catch(() => []);
      for (const match of files.sort()) {
        const file = path.join(folder, match);
        const text = await fs.readFile(path.join(absolute, match), 'utf8').catch(() => '');
        for (const output of findOutputExpressions(text)) {
          if (isDumpedLast(output.expression)) continue;
          problems.push({
            file,
            line: output.line,
            entityRef: template.entityRef,
            path: '',
            severity: 'warning',
            message: `${output.text} is printed into YAML unquoted, so a value with a newline or ": " can add keys or documents; ${adviceFor(output.expression)}`,
          });
        }
      }
    }
  }
  return problems;
}
