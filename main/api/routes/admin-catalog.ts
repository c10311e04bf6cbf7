import {
  AnnouncementCreateBody,
  AnnouncementUpdateBody,
  AuditoriumCreateBody,
  AuditoriumUpdateBody,
  FilmCreateBody,
  FilmUpdateBody,
  LATER_FIELDS,
  withLaterFields,
} from '../../domain/admin-requests.ts';
import { Announcement, Auditorium, Film } from '../../domain/records.ts';
import type { AppContext } from '../context.ts';
import type { Router } from '../router.ts';
import { requirePermission } from './admin-kit.ts';
import { recordRoutes } from './admin-records.ts';

/** Auditoriums, films and announcements: plain records with versions. */
export function adminCatalogRoutes(router: Router, ctx: AppContext): void {
  recordRoutes(router, ctx, {
    kind: 'auditorium',
    path: 'auditoriums',
    idPrefix: 'aud',
    table: (s) => s.records.auditoriums,
    createBody: AuditoriumCreateBody,
    updateBody: AuditoriumUpdateBody,
    record: Auditorium,
    toRecord: (body, id, _store, current) => ({
      ...withLaterFields(body, current, LATER_FIELDS.auditorium),
      id,
    }),
    describe: (a) => `"${a.name}" (${a.id})`,
    capability: 'schedule',
  });

  recordRoutes(router, ctx, {
    kind: 'film',
    path: 'films',
    idPrefix: 'film',
    table: (s) => s.records.films,
    createBody: FilmCreateBody,
    updateBody: FilmUpdateBody,
    record: Film,
    toRecord: (body, id, _store, current) => ({ ...withLaterFields(body, current, LATER_FIELDS.film), id }),
    describe: (f) => `"${f.title}" (${f.id})`,
    capability: 'schedule',
  });

  recordRoutes(router, ctx, {
    kind: 'announcement',
    path: 'announcements',
    idPrefix: 'ann',
    table: (s) => s.records.announcements,
    createBody: AnnouncementCreateBody,
    updateBody: AnnouncementUpdateBody,
    record: Announcement,
    toRecord: (body, id, _store, current) => ({
      ...withLaterFields(body, current, LATER_FIELDS.announcement),
      id,
    }),
    capability: 'announce',
    authorize: (principal, store, record, current) => {
      if (record?.urgent || current?.urgent) requirePermission(store, principal, 'urgent');
    },
    describe: (a) => `"${a.text.length > 60 ? `${a.text.slice(0, 57)}…` : a.text}" (${a.id})`,
  });
}
