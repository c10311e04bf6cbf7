/**
 * Whether every date and time box in `form` reads (see EntryInput). If one
 * does not, it is told to say why and takes the focus, and the form should
 * not be sent: the hub would otherwise get the box's last good value.
 */
export function entriesReady(form: HTMLFormElement | undefined): boolean {
  const boxes = [...(form?.querySelectorAll<HTMLInputElement>('input[data-entry]') ?? [])];
  // checkValidity() fires each bad box's `invalid` event, which shows its message.
  const bad = boxes.filter((b) => !b.checkValidity());
  bad[0]?.focus();
  return bad.length === 0;
}
