/**
 * A small XML 1.0 well-formedness check: a character scanner (no regex over markup) that matches
 * every start tag with its end tag, requires quoted attributes without raw `<`, allows only the five
 * predefined or numeric entities, forbids control characters and demands exactly one root element.
 * Returns the problem found, or null. Enough to catch broken escaping, which is what can go wrong here.
 */
export function wellFormedProblem(xml: string): string | null {
  const stack: string[] = [];
  let roots = 0;
  let i = 0;
  const entityAt = (at: number) => {
    const end = xml.indexOf(";", at);
    const name = end < 0 ? "" : xml.slice(at + 1, end);
    return ["amp", "lt", "gt", "quot", "apos"].includes(name) || /^#(\d+|x[0-9a-fA-F]+)$/.test(name) ? end + 1 : -1;
  };
  for (const ch of xml) {
    const c = ch.codePointAt(0)!;
    if (c < 0x20 && c !== 0x9 && c !== 0xa && c !== 0xd) return `control character U+${c.toString(16)}`;
  }
  if (xml.startsWith("<?xml")) i = xml.indexOf("?>") + 2;
  while (i < xml.length) {
    const c = xml[i];
    if (c === "&") {
      const next = entityAt(i);
      if (next < 0) return `bad entity at ${i}`;
      i = next;
    } else if (c === ">") {
      return `raw > in text at ${i}`; // legal XML, but our escaper never leaves one, so one here is user text leaking
    } else if (c !== "<") {
      if (stack.length === 0 && !/\s/.test(c)) return `text outside the root at ${i}`;
      i++;
    } else if (xml.startsWith("<!--", i)) {
      i = xml.indexOf("-->", i) + 3;
    } else {
      const closing = xml[i + 1] === "/";
      let j = i + (closing ? 2 : 1);
      const nameStart = j;
      while (j < xml.length && /[A-Za-z0-9_:.-]/.test(xml[j])) j++;
      const name = xml.slice(nameStart, j);
      if (!name) return `tag without a name at ${i}`;
      // Attributes: name="value" pairs, values free of < and of bare &.
      while (j < xml.length && xml[j] !== ">" && !(xml[j] === "/" && xml[j + 1] === ">")) {
        if (/\s/.test(xml[j])) { j++; continue; }
        if (closing) return `attributes on a closing tag at ${j}`;
        const eq = xml.indexOf("=", j);
        const attr = xml.slice(j, eq);
        if (!/^[A-Za-z_:][A-Za-z0-9_:.-]*$/.test(attr)) return `bad attribute name "${attr}" at ${j}`;
        const quote = xml[eq + 1];
        if (quote !== '"' && quote !== "'") return `unquoted attribute at ${eq}`;
        const end = xml.indexOf(quote, eq + 2);
        for (let k = eq + 2; k < end; k++) {
          if (xml[k] === "<") return `< inside attribute at ${k}`;
          if (xml[k] === "&" && entityAt(k) < 0) return `bad entity in attribute at ${k}`;
        }
        j = end + 1;
      }
      const selfClosing = xml[j] === "/";
      i = j + (selfClosing ? 2 : 1);
      if (closing) {
        if (stack.pop() !== name) return `</${name}> does not close the open element at ${nameStart}`;
      } else if (!selfClosing) {
        if (stack.length === 0) roots++;
        stack.push(name);
      } else if (stack.length === 0) roots++;
    }
  }
  if (stack.length) return `unclosed <${stack.at(-1)}>`;
  return roots === 1 ? null : `${roots} root elements`;
}
