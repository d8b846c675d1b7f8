import { useEffect, useRef } from 'react';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { markdown } from '@codemirror/lang-markdown';
import { yaml } from '@codemirror/lang-yaml';
import { bracketMatching, defaultHighlightStyle, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { lintGutter, linter, type Diagnostic } from '@codemirror/lint';
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView, highlightActiveLine, keymap, lineNumbers } from '@codemirror/view';
import Box from '@mui/material/Box';
import { useTheme } from '@mui/material/styles';

/** A problem to show on a line (1-based), as the catalog's validation reports them. */
export interface EditorProblem {
  line: number;
  message: string;
  severity: 'error' | 'warning';
}

function languageFor(path: string): Extension[] {
  if (/\.ya?ml$/i.test(path)) return [yaml()];
  if (/\.(md|markdown)$/i.test(path)) return [markdown()];
  return [];
}

/**
 * CodeMirror 6 over a file's text. `problems` runs on every change (debounced by the linter) and
 * marks its lines in the gutter and the text, so mistakes show before saving.
 */
export function CodeEditor({
  path,
  initialText,
  onChange,
  problems,
}: {
  path: string;
  initialText: string;
  onChange: (text: string) => void;
  problems?: (text: string) => EditorProblem[];
}) {
  const host = useRef<HTMLDivElement>(null);
  const latest = useRef({ onChange, problems });
  latest.current = { onChange, problems };
  const theme = useTheme();
  const dark = theme.palette.mode === 'dark';

  useEffect(() => {
    const lint = linter(
      view => {
        const check = latest.current.problems;
        if (!check) return [];
        const doc = view.state.doc;
        return check(doc.toString()).map((problem): Diagnostic => {
          const line = doc.line(Math.min(Math.max(problem.line, 1), doc.lines));
          return { from: line.from, to: Math.max(line.to, line.from), severity: problem.severity, message: problem.message };
        });
      },
      { delay: 250 },
    );
    const view = new EditorView({
      parent: host.current!,
      state: EditorState.create({
        doc: initialText,
        extensions: [
          lineNumbers(),
          history(),
          indentOnInput(),
          bracketMatching(),
          highlightActiveLine(),
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          keymap.of([...defaultKeymap, ...historyKeymap, indentWithTab]),
          ...languageFor(path),
          lint,
          lintGutter(),
          EditorView.theme({ '&': { fontSize: '13px' }, '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace' } }, { dark }),
          EditorView.contentAttributes.of({ 'aria-label': `Contents of ${path}` }),
          EditorView.updateListener.of(update => {
            if (update.docChanged) latest.current.onChange(update.state.doc.toString());
          }),
        ],
      }),
    });
    return () => view.destroy();
    // The editor keeps its own state: it is made once per file, not on every keystroke.
  }, [path, initialText, dark]);

  return (
    <Box
      ref={host}
      data-testid="code-editor"
      sx={{
        border: 1,
        borderColor: 'divider',
        borderRadius: 1,
        overflow: 'hidden',
        '& .cm-editor': { maxHeight: '70vh' },
        '& .cm-scroller': { overflow: 'auto' },
      }}
    />
  );
}
