// Lesson Markdown rendered safely: marked, then DOMPurify.
import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { useMemo } from 'react';

export function markdownToHtml(text: string, inline = false): string {
  try {
    const html = inline ? (marked.parseInline(text, { async: false }) as string) : (marked.parse(text, { async: false, gfm: true }) as string);
    return DOMPurify.sanitize(html);
  } catch {
    return DOMPurify.sanitize(text.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c] as string));
  }
}

export function Markdown({ text, inline, className }: { text: string; inline?: boolean; className?: string }) {
  const html = useMemo(() => markdownToHtml(text, inline), [text, inline]);
  const Tag = inline ? 'span' : 'div';
  return <Tag className={className ?? (inline ? undefined : 'lp-md')} dangerouslySetInnerHTML={{ __html: html }} />;
}
