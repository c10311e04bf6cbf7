/** The simulated site's films: invented titles and people, Veezi's formats and Australian ratings. */

type Rgb = readonly [number, number, number];

export interface SimPerson {
  Id: string;
  FirstName: string;
  LastName: string;
  Role: string;
}

export interface SimFilm {
  Id: string;
  Title: string;
  ShortName: string;
  Synopsis: string | null;
  Genre: string;
  Distributor: string;
  /** Days before the simulation's first day that it opened (negative: opens later). */
  openedDaysAgo: number;
  Rating: string | null;
  Content: string | null;
  Duration: number;
  Format: '2D Digital' | '3D Digital' | '3D HFR' | '2D Film' | 'Not a Film';
  AudioLanguage: string | null;
  People: readonly SimPerson[];
  /** Popularity: how often it is programmed and how well it sells. */
  appeal: number;
  /** Poster colours, dark to light. */
  palette: readonly [Rgb, Rgb, Rgb];
}

const person = (Id: string, FirstName: string, LastName: string, Role: string): SimPerson => ({
  Id,
  FirstName,
  LastName,
  Role,
});

export const SIM_FILMS: readonly SimFilm[] = [
  {
    Id: 'ST00000101',
    Title: 'Harbour Lights',
    ShortName: 'Harbour',
    Synopsis: 'A ferry captain on her last season keeps a promise made forty years ago.',
    Genre: 'Drama',
    Distributor: 'Southern Cross Films',
    openedDaysAgo: 10,
    Rating: 'M',
    Content: 'Mature themes',
    Duration: 124,
    Format: '2D Digital',
    AudioLanguage: 'English',
    People: [
      person('HO00000201', 'Mara', 'Ellison', 'Director'),
      person('HO00000202', 'Jonah', 'Pike', 'Actor'),
    ],
    appeal: 0.9,
    palette: [
      [12, 34, 64],
      [40, 110, 160],
      [250, 200, 120],
    ],
  },
  {
    Id: 'ST00000102',
    Title: 'Starfall',
    ShortName: 'Starfall',
    Synopsis: 'When the sky starts falling, one pilot flies up.',
    Genre: 'Sci-Fi, Action',
    Distributor: 'Orbit Pictures',
    openedDaysAgo: 3,
    Rating: 'M',
    Content: 'Science fiction violence',
    Duration: 142,
    Format: '3D Digital',
    AudioLanguage: 'English',
    People: [
      person('HO00000203', 'Ravi', 'Sandhu', 'Director'),
      person('HO00000204', 'Ines', 'Moreau', 'Actor'),
    ],
    appeal: 1.3,
    palette: [
      [8, 8, 30],
      [70, 40, 140],
      [255, 220, 90],
    ],
  },
  {
    Id: 'ST00000103',
    Title: 'The Paper Kite',
    ShortName: 'Paper Kite',
    Synopsis: 'A paper kite escapes its string and sees the world.',
    Genre: 'Animation, Family',
    Distributor: 'Lantern Animation',
    openedDaysAgo: 17,
    Rating: 'G',
    Content: null,
    Duration: 92,
    Format: '2D Digital',
    AudioLanguage: 'English',
    People: [person('HO00000205', 'Lou', 'Tanaka', 'Director')],
    appeal: 1.0,
    palette: [
      [30, 90, 60],
      [120, 200, 140],
      [255, 245, 200],
    ],
  },
  {
    Id: 'ST00000104',
    Title: 'Kaiju Requiem',
    ShortName: 'Kaiju',
    Synopsis: 'The last of the giants comes ashore to die, and the city has to decide what it owes.',
    Genre: 'Action',
    Distributor: 'Madman Releasing',
    openedDaysAgo: 6,
    Rating: 'MA15+',
    Content: 'Strong violence',
    Duration: 118,
    Format: '3D HFR',
    AudioLanguage: 'Japanese',
    People: [person('HO00000206', 'Kenji', 'Arai', 'Director')],
    appeal: 0.8,
    palette: [
      [40, 10, 10],
      [150, 40, 30],
      [255, 160, 60],
    ],
  },
  {
    Id: 'ST00000105',
    Title: 'Le Dernier Été',
    ShortName: 'Dernier',
    Synopsis: 'Three sisters, one house, the last summer before it is sold.',
    Genre: 'Drama',
    Distributor: 'Palace Films',
    openedDaysAgo: 24,
    Rating: 'PG',
    Content: 'Mild themes',
    Duration: 104,
    Format: '2D Digital',
    AudioLanguage: 'French',
    People: [person('HO00000207', 'Claire', 'Aubin', 'Director'), person('HO00000208', 'Léa', '', 'Actor')],
    appeal: 0.5,
    palette: [
      [60, 40, 20],
      [200, 140, 80],
      [250, 230, 190],
    ],
  },
  {
    Id: 'ST00000106',
    Title: 'Night Shift',
    ShortName: 'NightShift',
    Synopsis: 'The graveyard shift at a country hospital, and the patient in bed nine.',
    Genre: 'Horror',
    Distributor: 'Umbrella Entertainment',
    openedDaysAgo: 1,
    Rating: 'R18+',
    Content: 'High impact violence',
    Duration: 97,
    Format: '2D Digital',
    AudioLanguage: 'English',
    People: [],
    appeal: 0.6,
    palette: [
      [5, 5, 5],
      [50, 70, 60],
      [190, 230, 200],
    ],
  },
  {
    Id: 'ST00000107',
    Title: 'The Long Way Home',
    ShortName: 'Long Way',
    Synopsis: 'Two estranged brothers, one ute, three thousand kilometres.',
    Genre: 'Comedy, Drama',
    Distributor: 'Roadshow',
    openedDaysAgo: 12,
    Rating: 'PG',
    Content: 'Mild coarse language',
    Duration: 109,
    Format: '2D Digital',
    AudioLanguage: 'English',
    People: [person('HO00000209', 'Sam', 'Okafor', 'Director')],
    appeal: 0.8,
    palette: [
      [80, 40, 10],
      [220, 130, 50],
      [255, 230, 150],
    ],
  },
  {
    Id: 'ST00000108',
    Title: 'Casablanca',
    ShortName: 'Casablanca',
    Synopsis: 'Of all the gin joints in all the towns in all the world. On 35mm.',
    Genre: 'Classic, Romance',
    Distributor: 'Park Circus',
    openedDaysAgo: -1,
    Rating: 'PG',
    Content: 'Mild themes',
    Duration: 102,
    Format: '2D Film',
    AudioLanguage: 'English',
    People: [],
    appeal: 0.35,
    palette: [
      [20, 20, 20],
      [110, 110, 110],
      [235, 235, 225],
    ],
  },
  {
    Id: 'ST00000109',
    Title: 'Opera Live: La Bohème',
    ShortName: 'Boheme',
    Synopsis: 'Broadcast live from the opera house.',
    Genre: 'Event',
    Distributor: 'Encore Events',
    openedDaysAgo: 0,
    Rating: 'CTC',
    Content: 'Check the classification',
    Duration: 175,
    Format: 'Not a Film',
    AudioLanguage: 'Italian',
    People: [],
    appeal: 0.3,
    palette: [
      [50, 0, 20],
      [150, 20, 60],
      [250, 210, 120],
    ],
  },
  {
    Id: 'ST00000110',
    Title: 'Seoul Nights',
    ShortName: 'Seoul',
    Synopsis: 'A taxi driver, a stolen phone and one very long night.',
    Genre: 'Thriller',
    Distributor: 'Madman Releasing',
    openedDaysAgo: 8,
    Rating: 'MA15+',
    Content: 'Strong violence and coarse language',
    Duration: 126,
    Format: '2D Digital',
    AudioLanguage: 'Korean',
    People: [person('HO00000210', 'Min-ji', 'Park', 'Director')],
    appeal: 0.7,
    palette: [
      [10, 20, 50],
      [200, 40, 120],
      [90, 220, 255],
    ],
  },
  {
    Id: 'ST00000111',
    Title: 'Mystery Preview Screening',
    ShortName: 'Preview',
    Synopsis: null,
    Genre: 'Preview',
    Distributor: 'TBA',
    openedDaysAgo: -7,
    Rating: null,
    Content: null,
    Duration: 110,
    Format: '2D Digital',
    AudioLanguage: null,
    People: [],
    appeal: 0.4,
    palette: [
      [25, 25, 40],
      [90, 90, 130],
      [220, 220, 255],
    ],
  },
];

export const FILMS_BY_ID: ReadonlyMap<string, SimFilm> = new Map(SIM_FILMS.map((f) => [f.Id, f]));
