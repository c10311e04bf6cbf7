import { z } from 'zod';

/**
 * Named staff accounts and what each role may do. The hub checks every
 * admin route against `mayDo`; the admin page uses the same table to show
 * only what a person can reach, so the two never disagree.
 */

/** `manager`: everything, including staff and API tokens. `box_office`: the shift's work, nothing destructive. */
export const StaffRole = z.enum(['manager', 'box_office'], {
  error: 'must be "manager" or "box_office"',
});
export type StaffRole = z.infer<typeof StaffRole>;

/** The account the migration made from the one shared password, and the default of first-run set-up. */
export const FIRST_MANAGER_NAME = 'admin';

/** A person's sign-in name: what the audit log shows, so a name, not a code. Case is kept; matching ignores it. */
export const StaffName = z
  .string({ error: 'enter a name' })
  .trim()
  .min(1, 'enter a name')
  .max(60, 'must be at most 60 characters')
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} .'_-]*$/u, "may hold letters, digits, spaces and . ' _ - only");

const Password = z.string().max(256, 'must be at most 256 characters');

/**
 * What an admin route does, in the words the role table uses. Anything a
 * route does that is not listed for box office is manager-only.
 */
export const Capability = z.enum([
  /** Read the admin state, the audit log and the screens' list. */
  'read',
  /** Change seats available, sold out included. */
  'seats',
  /** Cancel or reinstate a show (an upstream one by override). */
  'cancel',
  /** Post and edit announcements, urgent ones included. */
  'announce',
  /** Create and edit shows, films, auditoriums; copy days; import. */
  'schedule',
  /** Delete any record. */
  'delete',
  /** Venue settings, screens' names and roles, posters. */
  'venue',
  /** Staff accounts and API tokens. */
  'staff',
]);
export type Capability = z.infer<typeof Capability>;

const BOX_OFFICE: ReadonlySet<Capability> = new Set(['read', 'seats', 'cancel', 'announce']);

/** Whether a staff member of `role` may do `capability`. */
export function mayDo(role: StaffRole, capability: Capability): boolean {
  return role === 'manager' || BOX_OFFICE.has(capability);
}

/** One account as the admin lists it: never its password hash. Times in ms. */
export const StaffAccount = z.object({
  id: z.string(),
  name: z.string(),
  role: StaffRole,
  createdAt: z.number(),
  version: z.number().int(),
});
export type StaffAccount = z.infer<typeof StaffAccount>;

/** `GET /api/admin/staff`. */
export const StaffList = z.object({ staff: z.array(StaffAccount) });
/** `POST /api/admin/staff`, `PATCH /api/admin/staff/:id`. */
export const StaffAnswer = z.object({ account: StaffAccount });

/** `POST /api/admin/login`: `name` may be left out to sign in as the hub's first manager (the one shared password of old). */
export const LoginBody = z.strictObject({
  name: StaffName.optional(),
  password: z.string().min(1, 'enter the password').max(256),
});

/** `POST /api/admin/setup`: the first manager. `name` defaults to `admin`. */
export const SetupBody = z.strictObject({ name: StaffName.optional(), password: Password });

export const StaffCreateBody = z.strictObject({ name: StaffName, role: StaffRole, password: Password });

/** `PATCH /api/admin/staff/:id`: a new role and/or a new password (which signs the person out everywhere). */
export const StaffUpdateBody = z
  .strictObject({ version: z.number().int(), role: StaffRole.optional(), password: Password.optional() })
  .refine((b) => b.role !== undefined || b.password !== undefined, {
    message: 'change the role or the password',
    path: ['role'],
  });
