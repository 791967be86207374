// A small, safe syntax highlighter for read-only code (migration files, SQL): text only, as React nodes.
import { memo, type ReactNode } from 'react';

const PY_KEYWORDS = new Set(['from', 'import', 'class', 'def', 'return', 'True', 'False', 'None', 'and', 'or', 'not', 'in', 'is', 'lambda', 'if', 'else', 'elif', 'for', 'while', 'with', 'as', 'pass']);
const SQL_KEYWORDS = new Set(['BEGIN', 'COMMIT', 'CREATE', 'TABLE', 'INSERT', 'INTO', 'SELECT', 'FROM', 'DROP', 'ALTER', 'RENAME', 'TO', 'ADD', 'COLUMN', 'NOT', 'NULL', 'PRIMARY', 'KEY', 'AUTOINCREMENT', 'REFERENCES', 'DEFERRABLE', 'INITIALLY', 'DEFERRED', 'UNIQUE', 'INDEX', 'ON', 'CHECK', 'DEFAULT', 'VALUES', 'DELETE', 'UPDATE', 'SET', 'WHERE', 'AND', 'OR', 'IS', 'IN', 'AS', 'CONSTRAINT', 'FOREIGN']);

const TOKEN = /(#[^\n]*|--[^\n]*|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|\b\d+(?:\.\d+)?\b|\b[A-Za-z_]\w*\b(?=\()|\b[A-Za-z_]\w*\b)/g;

export const Highlight = memo(function Highlight({ code, language }: { code: string; language: 'python' | 'sql' }) {
  const out: ReactNode[] = [];
  let last = 0;
  let key = 0;
  for (const m of code.matchAll(TOKEN)) {
    const t = m[0];
    const at = m.index ?? 0;
    if (at > last) out.push(code.slice(last, at));
    let cls: string | null = null;
    if (language === 'python' && t.startsWith('#')) cls = 'tok-com';
    else if (language === 'sql' && t.startsWith('--')) cls = 'tok-com';
    else if (t.startsWith('#') || t.startsWith('--')) cls = null;
    else if (t.startsWith("'") || (t.startsWith('"') && language === 'python')) cls = 'tok-str';
    else if (/^\d/.test(t)) cls = 'tok-num';
    else if (language === 'python' && PY_KEYWORDS.has(t)) cls = 'tok-kw';
    else if (language === 'sql' && SQL_KEYWORDS.has(t.toUpperCase())) cls = 'tok-kw';
    else if (language === 'python' && code[at + t.length] === '(') cls = 'tok-fn';
    out.push(cls ? <span key={key++} className={cls}>{t}</span> : t);
    last = at + t.length;
  }
  if (last < code.length) out.push(code.slice(last));
  return (
    <pre className="code" tabIndex={0}>
      <code>{out}</code>
    </pre>
  );
});
