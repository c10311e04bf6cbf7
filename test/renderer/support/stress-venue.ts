import type { Change } from '../../../main/domain/events.ts';
import type { Hub } from '../../../main/hub.ts';
import { VenueSettings } from '../../../main/domain/records.ts';
import { at } from './fixtures.ts';

/** The wall-clock moment the stress venue is looked at. */
export const STRESS_TZ = 'Europe/Paris';
export const STRESS_NOW = at('2030-06-15 12:00', STRESS_TZ);

const LONG_TITLE =
  'L’Extraordinaire et Interminable Voyage du Capitaine Anatole Fitzgerald-Montmorency à Travers les ' +
  'Sept Mers, les Cinq Continents et les Trois Dimensions — Version Longue Restaurée';

const TITLES = [
  'Amélie des Quatre Saisons',
  'Brume',
  'Ça Tourne !',
  'Des Étoiles Plein les Yeux',
  'Été Indien',
  'Forêt Noire',
  'Grand Hôtel Riviera',
  'Histoires de Minuit',
  'Île Flottante',
  'Jours de Pluie à Saint-Malo',
];

/**
 * A venue built to break layouts: French and Malay, a 190-character title,
 * a film with 40 shows in one day, every seat state, sixteen-character
 * ratings, six tags, posters missing or unreachable, a 500-character
 * announcement, and an upstream that has been down for two hours.
 */
export function seedStressVenue(hub: Hub): void {
  const t = (hhmm: string) => new Date(at(`2030-06-15 ${hhmm}`, STRESS_TZ)).toISOString();
  const changes: Change[] = [
    {
      type: 'venue',
      data: {
        id: 'stress',
        name: 'Cinéma Le Grand Rex de la Côte d’Azur',
        timezone: STRESS_TZ,
        locales: ['fr', 'ms'],
        settings: VenueSettings.parse({
          fewSeatsThreshold: 20,
          seatingMinutes: 20,
          graceMinutes: 10,
          cleaningMinutes: 15,
          staleAfterMinutes: 30,
          languageSeconds: 10,
        }),
      },
    },
  ];
  for (let a = 1; a <= 6; a++) {
    changes.push({
      type: 'auditorium.upsert',
      data: { id: `s${a}`, name: `Salle ${a}`, capacity: 300, source: 'local' },
    });
  }
  changes.push({
    type: 'film.upsert',
    data: {
      id: 'long',
      title: LONG_TITLE,
      titles: {
        ms: 'Pelayaran Kapten Anatole yang Luar Biasa dan Tidak Berkesudahan Merentasi Tujuh Lautan',
      },
      rating: 'Tous publics +12',
      runtimeMinutes: 251,
      // Six long descriptors: formats belong to the shows (below), never to a film.
      tags: [
        'Version Originale',
        'Ciné-club du jeudi',
        'Rétrospective Anatole',
        'Coup de cœur',
        'Tout public',
        'Festival de Cannes',
      ],
      source: 'local',
    },
  });
  changes.push({
    type: 'film.upsert',
    data: {
      id: 'many',
      title: 'Le Marathon',
      titles: { ms: 'Maraton' },
      rating: 'TP',
      runtimeMinutes: 95,
      posterUrl: 'http://127.0.0.1:9/unreachable.png',
      tags: ['Marathon'],
      source: 'local',
    },
  });
  TITLES.forEach((title, i) =>
    changes.push({
      type: 'film.upsert',
      data: {
        id: `f${i}`,
        title,
        ...(i % 3 === 0 && { titles: { ms: `${title} (Melayu)` } }),
        rating: ['TP', '-12', '-16', '-18'][i % 4],
        runtimeMinutes: 80 + i * 9,
        tags: i % 2 ? ['Version Originale'] : [],
        source: 'local',
      },
    }),
  );
  const seats = [300, 12, 0, 150, 1, 20, 21, 299];
  let n = 0;
  const showtime = (filmId: string, start: string, extra: { status?: 'cancelled'; tags?: string[] } = {}) => {
    const i = n++;
    changes.push({
      type: 'showtime.upsert',
      data: {
        id: `st${i}`,
        filmId,
        auditoriumId: `s${(i % 6) + 1}`,
        startsAt: t(start),
        tags: extra.tags ?? [],
        capacity: 300,
        seatsAvailable: seats[i % seats.length]!,
        status: extra.status ?? 'scheduled',
        source: 'local',
      },
    });
  };
  for (let m = 12 * 60 + 5; m < 23 * 60 + 50; m += 17) {
    const hh = String(Math.floor(m / 60)).padStart(2, '0');
    const mm = String(m % 60).padStart(2, '0');
    showtime('many', `${hh}:${mm}`, {
      tags: m % 3 ? ['IMAX', '3D'] : ['IMAX'],
      ...(m % 11 === 0 && { status: 'cancelled' }),
    });
  }
  ['12:15', '14:00', '17:30', '20:45', '23:55'].forEach((s) =>
    showtime('long', s, { tags: ['Dolby Atmos', 'AD', 'Open captions', '4DX', 'ScreenX'] }),
  );
  TITLES.forEach((_, i) => {
    for (let k = 0; k <= i % 5; k++)
      showtime(`f${i}`, `${12 + k * 2}:${String((i * 7) % 60).padStart(2, '0')}`);
  });
  changes.push({
    type: 'announcement.upsert',
    data: {
      id: 'long',
      priority: 5,
      source: 'local',
      text:
        'Travaux : l’accès aux salles 4 à 6 se fait exceptionnellement par l’escalier B, au fond du hall, ' +
        'à droite du comptoir de confiserie. Les personnes à mobilité réduite sont invitées à se présenter ' +
        'à l’accueil, où un membre de l’équipe les accompagnera jusqu’à l’ascenseur de service. Merci de ' +
        'votre compréhension et bonne séance ! Pensez à éteindre vos téléphones portables avant le début ' +
        'du film, et à trier vos déchets en sortant : des bacs sont à votre disposition.',
      texts: { ms: 'Kerja-kerja pembaikan: sila gunakan tangga B untuk ke panggung 4 hingga 6.' },
    },
  });
  changes.push({
    type: 'announcement.upsert',
    data: { id: 'short', text: 'Bonne séance !', priority: 0, source: 'local' },
  });
  hub.store.apply(changes);
  hub.setStatus({
    upstream: 'reconnecting',
    lastUpstreamEventAt: new Date(STRESS_NOW - 2 * 3_600_000).toISOString(),
  });
}
