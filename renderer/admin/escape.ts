/** `use:closesOnEscape={close}`: Escape anywhere inside the element closes it (forms opened as panels). */
export function closesOnEscape(node: HTMLElement, close: () => void) {
  let current = close;
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') current();
  };
  node.addEventListener('keydown', onKey);
  return {
    update: (next: () => void) => (current = next),
    destroy: () => node.removeEventListener('keydown', onKey),
  };
}
