/**
 * The exercise page's code editor: CodeMirror 6 with TypeScript
 * highlighting, loaded only when the learner opens it (solve-here.ts is a
 * dynamic-import chunk), plus a read-only viewer for the reference.
 *
 * Only the extensions a learner editing one file uses: line numbers,
 * undo history, bracket matching and closing, auto-indent, the active line.
 * No autocompletion or linting: without a type checker in the browser they
 * would guess, and `npm test` is where types are checked.
 *
 * Tab indents (as in any code editor). So that a keyboard user is never
 * trapped, CodeMirror's own escape hatch stays on: Escape, then Tab, moves
 * focus out (the page says so next to the editor).
 *
 * Colours come from CSS classes (`tok-*`, @lezer/highlight's
 * classHighlighter) styled in src/styles/solve-here.css for both of
 * Starlight's themes, so switching the theme needs no JavaScript here.
 */
import { closeBrackets, closeBracketsKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab, isolateHistory } from '@codemirror/commands';
import { javascript } from '@codemirror/lang-javascript';
import { bracketMatching, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { EditorSelection, EditorState, type Extension } from '@codemirror/state';
import { drawSelection, EditorView, highlightActiveLine, highlightActiveLineGutter, keymap, lineNumbers } from '@codemirror/view';
import { classHighlighter } from '@lezer/highlight';

const common = (label: string): Extension[] => [
  lineNumbers(),
  javascript({ typescript: true }),
  syntaxHighlighting(classHighlighter),
  EditorView.contentAttributes.of({ 'aria-label': label }),
];

export interface CodeEditor {
  text(): string;
  /** Replaces the whole text (reset to starter), as one undoable change. */
  replace(text: string): void;
  /** Puts the cursor at a 1-based line and column (clamped to the file), scrolls it into view and focuses the editor. */
  goTo(line: number, column: number): void;
  focus(): void;
}

export interface EditorOptions {
  parent: HTMLElement;
  text: string;
  /** The accessible name of the editable area, e.g. "Your code: greet.ts". */
  label: string;
  onChange(text: string): void;
  /** Ctrl+Enter / Cmd+Enter. */
  onGrade(): void;
}

export function createEditor(options: EditorOptions): CodeEditor {
  const view = new EditorView({
    parent: options.parent,
    state: EditorState.create({
      doc: options.text,
      extensions: [
        ...common(options.label),
        // Already focusable (contenteditable); the explicit tabindex lets checkers such as axe see that the scrolling region around it is reachable.
        EditorView.contentAttributes.of({ tabindex: '0' }),
        highlightActiveLineGutter(),
        highlightActiveLine(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        closeBrackets(),
        // First, so it wins over defaultKeymap's Mod-Enter (insert a blank line).
        keymap.of([{ key: 'Mod-Enter', run: () => (options.onGrade(), true), preventDefault: true }]),
        keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, indentWithTab]),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) options.onChange(update.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    text: () => view.state.doc.toString(),
    replace(text) {
      // Its own undo step, never merged with the typing just before it: one Undo brings back exactly what was replaced.
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, annotations: isolateHistory.of('full') });
    },
    goTo(line, column) {
      const doc = view.state.doc;
      const at = doc.line(Math.min(Math.max(1, line), doc.lines));
      const pos = Math.min(at.from + Math.max(0, column - 1), at.to);
      view.dispatch({ selection: EditorSelection.cursor(pos), effects: EditorView.scrollIntoView(pos, { y: 'center' }) });
      view.focus();
    },
    focus: () => view.focus(),
  };
}

/**
 * The reference solution, highlighted and read-only (it can still be selected
 * and copied). Long lines wrap: a region that scrolls sideways would need to
 * be focusable, and a read-only view is not.
 */
export function showReadOnly(parent: HTMLElement, text: string, label: string): void {
  new EditorView({
    parent,
    state: EditorState.create({ doc: text, extensions: [...common(label), EditorState.readOnly.of(true), EditorView.editable.of(false), EditorView.lineWrapping] }),
  });
}
