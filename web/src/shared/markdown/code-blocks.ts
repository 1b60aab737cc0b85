/** The words a code block's tools say (the dictionary's `student.code`). */
export type CodeBlockWords = {
  copy: string;
  copyLabel: string;
  copied: string;
  copyFailed: string;
  scrolls: string;
  scrollsSr: string;
};

let blocks = 0;

/**
 * Gives each code block under `root` a "Copy" button (its outcome said in a live region beside it)
 * and, while the block is wider than its box, a hint that it scrolls: seen (a line and a fade at the
 * edge) and heard (the block, which takes focus, is described by it). Everything added is built with
 * DOM calls and `textContent`, never HTML, and the copy reads the code's text: the sanitised HTML it
 * decorates is left as it was. Returns the undo (for React's effect cleanup).
 */
export function enhanceCodeBlocks(root: HTMLElement, words: CodeBlockWords): () => void {
  const undo: (() => void)[] = [];
  for (const pre of root.querySelectorAll('pre')) {
    if (pre.parentElement?.classList.contains('code-block')) continue;
    const id = `code-block-${++blocks}`;
    const wrapper = document.createElement('div');
    wrapper.className = 'code-block';
    pre.before(wrapper);
    wrapper.append(pre);

    const tools = element('div', 'code-block__tools');
    const hint = element('p', 'code-block__hint');
    hint.id = `${id}-hint`;
    hint.hidden = true;
    const seen = element('span', '', words.scrolls);
    seen.setAttribute('aria-hidden', 'true');
    hint.append(seen, element('span', 'sr-only', words.scrollsSr));
    const status = element('span', 'code-block__status');
    status.setAttribute('role', 'status');
    const button = element('button', 'code-block__copy', words.copy);
    button.setAttribute('type', 'button');
    button.setAttribute('aria-label', words.copyLabel);
    let clear: ReturnType<typeof setTimeout> | undefined;
    button.addEventListener('click', async () => {
      const code = pre.querySelector('code') ?? pre;
      const copied = await navigator.clipboard?.writeText(code.textContent ?? '').then(
        () => true,
        () => false,
      );
      status.textContent = copied ? words.copied : words.copyFailed;
      clearTimeout(clear);
      clear = setTimeout(() => {
        status.textContent = '';
      }, 4000);
    });
    tools.append(hint, status, button);
    wrapper.prepend(tools);

    const measure = () => {
      const scrolls = pre.scrollWidth > pre.clientWidth + 1;
      wrapper.classList.toggle('code-block--scrolls', scrolls);
      hint.hidden = !scrolls;
      if (scrolls) pre.setAttribute('aria-describedby', hint.id);
      else pre.removeAttribute('aria-describedby');
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(pre);

    undo.push(() => {
      observer.disconnect();
      clearTimeout(clear);
      pre.removeAttribute('aria-describedby');
      wrapper.before(pre);
      wrapper.remove();
    });
  }
  return () => {
    for (const step of undo) step();
  };
}

function element(tag: string, className: string, text?: string): HTMLElement {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}
