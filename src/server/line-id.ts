/**
 * The id of a JSON-RPC request from the start of its line, for a line too large to parse: the
 * error then answers the request the client is waiting on. Only a top-level "id" counts (an "id"
 * inside params belongs to something else), so this scans with a depth count, strings skipped;
 * null when the id is not in the part seen, or is not a plain number or string.
 */
export function idOfLine(head: string): string | number | null {
  let depth = 0;
  let i = 0;
  /** The index after the string starting at `start` (a quote), or -1 if it runs past the head. */
  const endOfString = (start: number): number => {
    for (let j = start + 1; j < head.length; j++) {
      if (head[j] === "\\") j++;
      else if (head[j] === '"') return j + 1;
    }
    return -1;
  };
  const skipSpace = (from: number): number => {
    let j = from;
    while (j < head.length && /\s/.test(head[j]!)) j++;
    return j;
  };
  while (i < head.length) {
    const char = head[i]!;
    if (char === '"') {
      const end = endOfString(i);
      if (end === -1) return null;
      const afterKey = skipSpace(end);
      if (depth === 1 && head[afterKey] === ":" && head.slice(i, end) === '"id"') return valueAt(head, skipSpace(afterKey + 1), endOfString);
      i = end;
      continue;
    }
    if (char === "{" || char === "[") depth++;
    else if (char === "}" || char === "]") depth--;
    i++;
  }
  return null;
}

function valueAt(head: string, start: number, endOfString: (start: number) => number): string | number | null {
  if (head[start] === '"') {
    const end = endOfString(start);
    if (end === -1) return null;
    try {
      return JSON.parse(head.slice(start, end)) as string;
    } catch {
      return null;
    }
  }
  const number = /^-?\d+(\.\d+)?([eE][+-]?\d+)?(?=\s*[,}])/.exec(head.slice(start, start + 40));
  return number ? Number(number[0]) : null;
}
