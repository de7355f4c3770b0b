// Splitting a command line the way a POSIX shell splits words, over a
// template of constant text and dynamic values (shared by the Python and the
// TypeScript command-injection fixes, which turn a shell string into an
// argument list). Undefined when the shell would do more than split: pipes,
// redirections, globs, expansions, unbalanced quotes.

/** One piece of a command template: constant text, or a dynamic value (any other kind). */
export type TemplatePart = { readonly kind: 'const'; readonly text: string } | { readonly kind: 'dyn' };

/**
 * The shell words of `parts`; each word is a list of parts, constant text
 * turned back into parts by `constant` (each language keeps its own extra fields).
 */
export function shellWords<P extends TemplatePart>(parts: readonly P[], constant: (text: string) => P): P[][] | undefined {
  const out: P[][] = [];
  let current: P[] = [];
  let inWord = false;
  let quote = '';
  let text = '';
  const flushText = (): void => {
    if (text) current.push(constant(text));
    text = '';
  };
  const flushWord = (): void => {
    flushText();
    if (inWord) out.push(current);
    current = [];
    inWord = false;
  };
  for (const part of parts) {
    if (part.kind !== 'const') {
      flushText();
      current.push(part);
      inWord = true;
      continue;
    }
    for (const ch of part.text) {
      if (quote === "'") {
        if (ch === "'") quote = '';
        else text += ch;
      } else if (quote === '"') {
        if (ch === '"') quote = '';
        else if ('$`\\'.includes(ch)) return undefined;
        else text += ch;
      } else if (/\s/.test(ch)) {
        if (inWord) flushWord();
      } else if (ch === "'" || ch === '"') {
        quote = ch;
        inWord = true;
      } else if (/[|&;<>()$`\\*?[\]#~{}!]/.test(ch)) {
        return undefined;
      } else {
        text += ch;
        inWord = true;
      }
    }
  }
  if (quote) return undefined;
  flushWord();
  return out.length > 0 ? out : undefined;
}
