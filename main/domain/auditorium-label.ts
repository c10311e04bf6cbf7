/** Words that only say "a room": "Screen 4" is labelled "4", "Salle 2" "2". */
const ROOM_WORDS =
  /^(screen|cinema|hall|theatre|theater|auditorium|studio|house|salle|sala|dewan|panggung|影厅|放映厅|厅)$/i;

/**
 * The short label shown next to every time: the auditorium's own `label`, else
 * one derived from its name: the number of "Screen 4" ("4"), a short name as
 * it is ("IMAX"), initials and number of a longer one ("Gold Class 1" → "GC1"),
 * the one telling word of a room ("Dolby Cinema" → "Dolby").
 */
export function auditoriumLabel(a: { name: string; label?: string | undefined }): string {
  if (a.label !== undefined) return a.label;
  const name = a.name.trim();
  const words = name.split(/\s+/);
  const last = words.at(-1) ?? '';
  if (words.length === 2 && ROOM_WORDS.test(words[0]!) && /^[\p{L}\p{N}]{1,4}$/u.test(last)) return last;
  const cjk = /^(.*?)(\d+)\s*(号厅|號廳|厅|廳)$/u.exec(name);
  if (cjk) return cjk[2]!;
  if ([...name].length <= 6) return name;
  const number = /^\d+$/.test(last) ? last : '';
  const lettered = (number ? words.slice(0, -1) : words).filter((w) => !ROOM_WORDS.test(w));
  // "Dolby Cinema" is the Dolby: one word left says more than its initial.
  if (lettered.length === 1 && !number) return [...lettered[0]!].slice(0, 6).join('');
  const initials = lettered.map((w) => [...w][0]!.toUpperCase()).join('');
  const label = `${initials}${number}`;
  return label.length > 0 ? [...label].slice(0, 12).join('') : [...name].slice(0, 6).join('');
}
