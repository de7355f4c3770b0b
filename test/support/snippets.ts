// Expands VS Code snippet text the way accepting it without typing would:
// placeholders take their default (nested ones too), a choice its first
// option, bare tab stops and variables nothing, escapes their character.
// Follows the snippet grammar (https://code.visualstudio.com/docs/editing/userdefinedsnippets#_grammar).

export function expandSnippet(body: string | readonly string[]): string {
  const text = typeof body === 'string' ? body : body.join('\n');
  let i = 0;

  /** Parse until one of `stops` (unescaped) or the end; returns the expansion. */
  function parse(stops: string): string {
    let out = '';
    while (i < text.length) {
      const ch = text[i]!;
      if (ch === '\\' && i + 1 < text.length && '$}\\,|'.includes(text[i + 1]!)) {
        out += text[i + 1];
        i += 2;
        continue;
      }
      if (stops.includes(ch)) return out;
      if (ch === '$') {
        const simple = /^\$(\d+|[A-Za-z_]\w*)/.exec(text.slice(i));
        if (simple) {
          i += simple[0].length;
          continue;
        }
        const open = /^\$\{(\d+|[A-Za-z_]\w*)/.exec(text.slice(i));
        if (open) {
          i += open[0].length;
          const next = text[i];
          if (next === '}') {
            i++;
          } else if (next === ':') {
            i++;
            out += parse('}');
            i++;
          } else if (next === '|') {
            i++;
            const options: string[] = [];
            for (;;) {
              options.push(parse(',|'));
              const sep = text[i++];
              if (sep === '|') break;
              if (sep === undefined) throw new Error('unterminated choice');
            }
            if (text[i++] !== '}') throw new Error('choice not closed by }');
            out += options[0] ?? '';
          } else {
            throw new Error(`unsupported snippet syntax at ${i}: ${text.slice(i - open[0].length, i + 10)}`);
          }
          continue;
        }
      }
      out += ch;
      i++;
    }
    return out;
  }

  const result = parse('');
  if (i < text.length) throw new Error(`unbalanced snippet text at ${i}`);
  return result;
}
