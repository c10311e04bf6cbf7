/*
 * The simulated Veezi site: an eight-screen independent cinema in the Blue
 * Mountains, its screens and its session attributes (films in films.ts). Invented titles and
 * people; the shapes and vocabulary are Veezi's (Australian ratings, Veezi's
 * format names, attribute ids as zero-padded strings).
 */

export const SIM_SITE = {
  Name: 'Paragon Picture House',
  ShortName: 'Paragon',
  LegalName: 'Paragon Picture House Pty Ltd',
  NationalCode: null,
  Address1: '12 Cinema Lane',
  Address2: 'Katoomba NSW',
  Address3: null,
  PostCode: '2780',
  Phone1: '02 5550 1234',
  Phone2: null,
  Fax: null,
  SalesTaxRegistration: null,
  TicketMessage1: 'Please arrive 10 minutes early',
  TicketMessage2: null,
  ReceiptMessage1: 'Thank you for visiting the Paragon',
  ReceiptMessage2: null,
  ReceiptMessage3: null,
  ReceiptMessage4: null,
  ReceiptMessage5: null,
  ReceiptMessage6: null,
  /** Windows-named, with daylight saving: what a real Australian site answers. */
  TimeZoneIdentifier: 'AUS Eastern Standard Time',
  Country: 'Australia',
} as const;

export interface SimScreen {
  Id: number;
  Name: string;
  /** The door label: mostly digits, not always. */
  ScreenNumber: string;
  TotalSeats: number;
  HouseSeats: number;
  HasCustomLayout: boolean;
  /** Shows 3D (screen 1 also high frame rate). */
  threeD: boolean;
  seating: 'Allocated' | 'Select' | 'Open';
  /** Earliest first session, minutes after midnight. */
  opensAt: number;
  /** Minutes of trailers before the feature. */
  trailers: number;
}

export const SIM_SCREENS: readonly SimScreen[] = [
  {
    Id: 1,
    Name: 'Cinema 1',
    ScreenNumber: '1',
    TotalSeats: 248,
    HouseSeats: 6,
    HasCustomLayout: true,
    threeD: true,
    seating: 'Allocated',
    opensAt: 600,
    trailers: 15,
  },
  {
    Id: 2,
    Name: 'Cinema 2',
    ScreenNumber: '2',
    TotalSeats: 196,
    HouseSeats: 4,
    HasCustomLayout: true,
    threeD: true,
    seating: 'Allocated',
    opensAt: 615,
    trailers: 15,
  },
  {
    Id: 3,
    Name: 'Cinema 3',
    ScreenNumber: '3',
    TotalSeats: 164,
    HouseSeats: 4,
    HasCustomLayout: true,
    threeD: false,
    seating: 'Allocated',
    opensAt: 630,
    trailers: 15,
  },
  {
    Id: 4,
    Name: 'Cinema 4',
    ScreenNumber: '4',
    TotalSeats: 132,
    HouseSeats: 2,
    HasCustomLayout: true,
    threeD: false,
    seating: 'Allocated',
    opensAt: 600,
    trailers: 15,
  },
  {
    Id: 5,
    Name: 'Cinema 5',
    ScreenNumber: '5',
    TotalSeats: 110,
    HouseSeats: 2,
    HasCustomLayout: true,
    threeD: false,
    seating: 'Allocated',
    opensAt: 645,
    trailers: 15,
  },
  {
    Id: 6,
    Name: 'Cinema 6',
    ScreenNumber: '6',
    TotalSeats: 86,
    HouseSeats: 2,
    HasCustomLayout: false,
    threeD: false,
    seating: 'Select',
    opensAt: 660,
    trailers: 10,
  },
  {
    Id: 7,
    Name: 'Gold Class',
    ScreenNumber: 'GC',
    TotalSeats: 32,
    HouseSeats: 2,
    HasCustomLayout: true,
    threeD: false,
    seating: 'Allocated',
    opensAt: 720,
    trailers: 20,
  },
  {
    Id: 8,
    Name: 'The Studio',
    ScreenNumber: '8',
    TotalSeats: 48,
    HouseSeats: 0,
    HasCustomLayout: false,
    threeD: false,
    seating: 'Open',
    opensAt: 630,
    trailers: 10,
  },
];

export const SCREENS_BY_ID: ReadonlyMap<number, SimScreen> = new Map(SIM_SCREENS.map((s) => [s.Id, s]));

export interface SimAttribute {
  Id: string;
  Description: string;
  ShortName: string;
  FontColor: string;
  BackgroundColor: string;
  ShowOnSessionsWithNoComps: boolean;
}

const attribute = (
  n: number,
  Description: string,
  ShortName: string,
  BackgroundColor: string,
): SimAttribute => ({
  Id: String(n).padStart(10, '0'),
  Description,
  ShortName,
  FontColor: '#FFFFFF',
  BackgroundColor,
  ShowOnSessionsWithNoComps: false,
});

export const ATTRIBUTE = {
  subtitled: attribute(1, 'Subtitled', 'SUB', '#1F4E79'),
  kids: attribute(2, 'Kids', 'KIDS', '#BF8F00'),
  openCaption: attribute(3, 'Open Caption', 'OC', '#375623'),
  audioDescribed: attribute(4, 'Audio Described', 'AD', '#7030A0'),
  seniors: attribute(5, 'Seniors', 'SEN', '#833C0B'),
  sensory: attribute(6, 'Sensory Friendly', 'SF', '#2F5597'),
  noFreeList: { ...attribute(7, 'No Free List', 'NFL', '#C00000'), ShowOnSessionsWithNoComps: true },
  /** Not in /v1/attribute until a session uses it: a hub must fetch attributes it has not seen. */
  directorQa: attribute(8, 'Director Q&A', 'Q&A', '#000000'),
} as const;

export const SIM_ATTRIBUTES: readonly SimAttribute[] = Object.values(ATTRIBUTE);
export const LATE_ATTRIBUTES: ReadonlySet<string> = new Set([ATTRIBUTE.directorQa.Id]);
