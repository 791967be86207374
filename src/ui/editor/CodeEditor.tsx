// The Monaco editor, bundled locally (no CDN), with Python highlighting, Django-aware
// completion and hover docs, and the engine's diagnostics as markers. Loaded lazily.
import { useEffect, useRef } from 'react';
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/languages/definitions/python/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import type { Diagnostic } from '../../engine/project';
import type { FileMap } from '../engine/protocol';
import { completionsAt, hoverDoc, isInsideMeta } from './djangoCompletions';

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker };
  }
}
window.MonacoEnvironment = { getWorker: () => new EditorWorker() };

let providersRegistered = false;
function registerDjangoProviders(): void {
  if (providersRegistered) return;
  providersRegistered = true;
  const kinds = {
    class: monaco.languages.CompletionItemKind.Class,
    option: monaco.languages.CompletionItemKind.Property,
    value: monaco.languages.CompletionItemKind.EnumMember,
    keyword: monaco.languages.CompletionItemKind.Keyword,
  };
  monaco.languages.registerCompletionItemProvider('python', {
    triggerCharacters: ['.', '(', ','],
    provideCompletionItems(model, position) {
      const prefix = model.getLineContent(position.lineNumber).slice(0, position.column - 1);
      const inMeta = isInsideMeta(model.getLinesContent(), position.lineNumber);
      const word = model.getWordUntilPosition(position);
      const range = new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn);
      const suggestions = completionsAt(prefix, inMeta).map((it) => ({
        label: it.label,
        kind: kinds[it.kind],
        detail: it.detail,
        documentation: it.doc,
        insertText: it.insert ?? it.label,
        insertTextRules: it.insert?.includes('$') ? monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet : undefined,
        range,
      }));
      return { suggestions };
    },
  });
  monaco.languages.registerHoverProvider('python', {
    provideHover(model, position) {
      const word = model.getWordAtPosition(position);
      if (!word) return null;
      const doc = hoverDoc(word.word, model.getLineContent(position.lineNumber), isInsideMeta(model.getLinesContent(), position.lineNumber));
      if (!doc) return null;
      return {
        range: new monaco.Range(position.lineNumber, word.startColumn, position.lineNumber, word.endColumn),
        contents: [{ value: `**${doc.label}** · ${doc.detail}` }, { value: doc.doc }],
      };
    },
  });
}

const uriFor = (path: string) => monaco.Uri.from({ scheme: 'file', path: '/' + path });
const languageFor = (path: string) => (path.endsWith('.py') ? 'python' : path.endsWith('.md') ? 'markdown' : 'plaintext');

function themeName(): string {
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'vs-dark' : 'vs';
}

export interface CodeEditorProps {
  files: FileMap;
  path: string | null;
  diagnostics: Diagnostic[];
  onChange(path: string, text: string): void;
  onReady?(): void;
  /** Bumped whenever the files change from outside the editor (commands, imports, lessons). */
  syncVersion: number;
  /** Asks the editor to reveal a line (e.g. clicking a diagnostic). */
  reveal?: { path: string; line: number; nonce: number } | null;
}

export default function CodeEditor({ files, path, diagnostics, onChange, onReady, reveal, syncVersion }: CodeEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const editorRef = useRef<monaco.editor.IStandaloneCodeEditor | null>(null);
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const applying = useRef(false);
  const syncedVersion = useRef(-1);

  useEffect(() => {
    registerDjangoProviders();
    const editor = monaco.editor.create(host.current!, {
      model: null,
      theme: themeName(),
      automaticLayout: true,
      fontSize: 13,
      lineHeight: 20,
      fontFamily: "'JetBrains Mono', 'Cascadia Code', 'Fira Code', Menlo, Consolas, 'DejaVu Sans Mono', monospace",
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      renderLineHighlight: 'line',
      tabSize: 4,
      insertSpaces: true,
      ariaLabel: 'Code editor',
      padding: { top: 8 },
      fixedOverflowWidgets: true,
      wordWrap: 'on',
      wrappingIndent: 'indent',
    });
    editorRef.current = editor;
    const sub = editor.onDidChangeModelContent(() => {
      const model = editor.getModel();
      if (!model || applying.current) return;
      onChangeRef.current(model.uri.path.slice(1), model.getValue());
    });
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const onTheme = () => monaco.editor.setTheme(themeName());
    media.addEventListener('change', onTheme);
    onReady?.();
    return () => {
      media.removeEventListener('change', onTheme);
      sub.dispose();
      editor.dispose();
      for (const m of monaco.editor.getModels()) m.dispose();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Keep one model per file. Texts are copied into existing models only when the files changed
  // outside the editor (`syncVersion`): the editor's own edits come back here late, and
  // applying those echoes would undo the keystrokes typed since.
  useEffect(() => {
    const external = syncVersion !== syncedVersion.current;
    syncedVersion.current = syncVersion;
    const wanted = new Set(Object.keys(files).map((p) => uriFor(p).toString()));
    for (const m of monaco.editor.getModels()) if (!wanted.has(m.uri.toString())) m.dispose();
    applying.current = true;
    try {
      for (const [p, text] of Object.entries(files)) {
        const uri = uriFor(p);
        const model = monaco.editor.getModel(uri);
        if (!model) monaco.editor.createModel(text, languageFor(p), uri);
        else if (external && model.getValue() !== text) {
          model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
        }
      }
    } finally {
      applying.current = false;
    }
  }, [files, syncVersion]);

  useEffect(() => {
    const editor = editorRef.current;
    if (!editor) return;
    const model = path ? monaco.editor.getModel(uriFor(path)) : null;
    if (editor.getModel() !== model) editor.setModel(model);
  }, [path, files]);

  useEffect(() => {
    for (const model of monaco.editor.getModels()) {
      const p = model.uri.path.slice(1);
      const markers = diagnostics
        .filter((d) => d.file === p)
        .map((d) => {
          const line = Math.min(Math.max(d.line || 1, 1), model.getLineCount());
          const startColumn = d.column ? d.column : model.getLineFirstNonWhitespaceColumn(line) || 1;
          return {
            severity: d.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
            message: d.message,
            code: d.code,
            source: 'Django',
            startLineNumber: line,
            startColumn,
            endLineNumber: line,
            endColumn: model.getLineMaxColumn(line),
          };
        });
      monaco.editor.setModelMarkers(model, 'django', markers);
    }
  }, [diagnostics, files]);

  useEffect(() => {
    const editor = editorRef.current;
    if (!editor || !reveal || reveal.path !== path) return;
    editor.revealLineInCenter(reveal.line);
    editor.setPosition({ lineNumber: reveal.line, column: 1 });
    editor.focus();
  }, [reveal, path]);

  return <div ref={host} className="editor-host" data-testid="code-editor" />;
}
