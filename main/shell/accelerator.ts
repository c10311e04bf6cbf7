const MODIFIERS = new Set([
  'command',
  'cmd',
  'control',
  'ctrl',
  'commandorcontrol',
  'cmdorctrl',
  'alt',
  'option',
  'altgr',
  'shift',
  'super',
  'meta',
]);

const NAMED_KEYS = new Set([
  'plus',
  'space',
  'tab',
  'capslock',
  'numlock',
  'scrolllock',
  'backspace',
  'delete',
  'insert',
  'return',
  'enter',
  'up',
  'down',
  'left',
  'right',
  'home',
  'end',
  'pageup',
  'pagedown',
  'escape',
  'esc',
  'printscreen',
  'numdec',
  'numadd',
  'numsub',
  'nummult',
  'numdiv',
]);

function isKey(part: string): boolean {
  const key = part.toLowerCase();
  return (
    /^[a-z0-9]$/.test(key) ||
    /^f([1-9]|1[0-9]|2[0-4])$/.test(key) ||
    /^num[0-9]$/.test(key) ||
    /^[)!@#$%^&*(:;=<,_\->.?/~`{\][|\\}"']$/.test(part) ||
    NAMED_KEYS.has(key)
  );
}

/**
 * Whether `value` is an Electron accelerator fit for a global shortcut: one or
 * more modifiers, then exactly one key, joined by `+` (e.g.
 * `CommandOrControl+Shift+A`). A bare key is refused: registered globally it
 * would swallow that key in every other program on the machine.
 */
export function isGlobalAccelerator(value: string): boolean {
  const parts = value.split('+');
  if (parts.length < 2 || parts.some((p) => p === '')) return false;
  const key = parts.at(-1)!;
  const modifiers = parts.slice(0, -1).map((m) => m.toLowerCase());
  if (new Set(modifiers).size !== modifiers.length) return false;
  return modifiers.every((m) => MODIFIERS.has(m)) && !MODIFIERS.has(key.toLowerCase()) && isKey(key);
}
