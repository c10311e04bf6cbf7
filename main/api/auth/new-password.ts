import { HttpError } from '../http-error.ts';
import { passwordProblem } from './password.ts';

const weakPassword = (field: string, problem: string) =>
  new HttpError({
    status: 400,
    code: 'validation_failed',
    message: `${field === 'newPassword' ? 'new password' : 'password'} ${problem}`,
    fields: { [field]: { message: problem, code: 'weak_password', params: {} } },
  });

/** Refuses a password staff may not choose (400 `weak_password` on `field`). */
export function checkNewPassword(password: string, field: string): void {
  const problem = passwordProblem(password);
  if (problem) throw weakPassword(field, problem);
}
