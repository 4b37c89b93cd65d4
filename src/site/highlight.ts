// Build-time syntax highlighting with Shiki, in light and dark themes at once.
import { createHighlighter, type Highlighter } from 'shiki';

const LANGS = ['bash', 'shellsession', 'yaml', 'json', 'ini', 'diff', 'text'];
let highlighter: Promise<Highlighter> | null = null;

export async function highlight(code: string, lang: string): Promise<string> {
  highlighter ??= createHighlighter({ themes: ['github-light', 'github-dark'], langs: LANGS });
  const h = await highlighter;
  const alias: Record<string, string> = {
    sh: 'bash',
    shell: 'bash',
    console: 'shellsession',
    'shell-session': 'shellsession',
    yml: 'yaml',
  };
  const resolved = alias[lang] ?? lang;
  return h.codeToHtml(code, {
    lang: LANGS.includes(resolved) ? resolved : 'text',
    themes: { light: 'github-light', dark: 'github-dark' },
    defaultColor: false,
  });
}
