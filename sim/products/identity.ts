/**
 * Who owns the household's accounts (Identity) and their account and routing numbers (Auth):
 * fixed by the seed and institution, like everything else the generator makes.
 */
import { hashParts, rngFor } from '../prng';
import type { AccountKey } from './account-keys';

const FIRST_NAMES = [
  'Alberta',
  'Bennett',
  'Cordelia',
  'Dashiell',
  'Evangeline',
  'Fitzgerald',
  'Georgina',
  'Horace',
];
const MIDDLE_NAMES = ['Bobbeth', 'Quinn', 'Marlowe', 'Jude', 'Rosalind', 'Emery'];
const LAST_NAMES = ['Charleson', 'Abernathy', 'Whitlock', 'Okonkwo', 'Lindqvist', 'Ferreira', 'Nakashima'];
const STREETS = ['Cameron Road', 'Leisure Lane', 'Juniper Court', 'Harbor View Drive', 'Willow Bend'];
const TOWNS = [
  { city: 'Malakoff', region: 'NY', postal_code: '14236' },
  { city: 'San Matias', region: 'CA', postal_code: '93405-2255' },
  { city: 'Brookhaven', region: 'GA', postal_code: '30319' },
  { city: 'Fairview', region: 'OR', postal_code: '97024' },
] as const;

export interface PlaidOwner {
  names: string[];
  phone_numbers: { data: string; primary: boolean; type: 'home' | 'work' | 'mobile' }[];
  emails: { data: string; primary: boolean; type: 'primary' | 'secondary' }[];
  addresses: {
    data: {
      street: string;
      city: string | null;
      region: string | null;
      postal_code: string | null;
      country: string | null;
    };
    primary: boolean;
  }[];
}

interface Person {
  first: string;
  full: string;
}

function digits(count: number, ...parts: (string | number)[]): string {
  const rng = rngFor(...parts);
  let out = '';
  for (let i = 0; i < count; i++) out += String(rng.int(0, 9));
  return out;
}

/** The household's account holders: one person, or a couple on the shared accounts. */
export function ownersOf(seed: number, institutionId: string, key: AccountKey): PlaidOwner[] {
  const rng = rngFor(seed, institutionId, 'identity');
  const last = rng.pick(LAST_NAMES);
  const person = (): Person => {
    const first = rng.pick(FIRST_NAMES);
    return { first, full: `${first} ${rng.pick(MIDDLE_NAMES)} ${last}` };
  };
  const holder = person();
  const partner = rng.chance(0.5) ? person() : null;
  const home = rng.pick(TOWNS);
  const previous = rng.pick(TOWNS);
  const street = `${rng.int(100, 9999)} ${rng.pick(STREETS)}`;
  const oldStreet = `${rng.int(100, 9999)} ${rng.pick(STREETS)}`;
  const phone = `${rng.pick(['415', '503', '512', '720'])}555${digits(4, seed, institutionId, 'phone')}`;
  const joint = partner !== null && (key === 'checking' || key === 'savings');
  const email = (p: Person) => `${p.first.toLowerCase()}.${last.toLowerCase()}@example.com`;
  return [
    {
      names: joint ? [holder.full, partner.full] : [holder.full],
      phone_numbers: [
        { data: phone, primary: true, type: 'mobile' },
        {
          data: `${phone.slice(0, 3)}555${digits(4, seed, institutionId, 'home-phone')}`,
          primary: false,
          type: 'home',
        },
      ],
      emails: [
        { data: email(holder), primary: true, type: 'primary' },
        ...(joint ? [{ data: email(partner), primary: false, type: 'secondary' as const }] : []),
      ],
      addresses: [
        { data: { street, ...home, country: 'US' }, primary: true },
        { data: { street: oldStreet, ...previous, country: 'US' }, primary: false },
      ],
    },
  ];
}

/** Account numbers end with the account's mask, as real ones do. */
export function achNumbersOf(
  seed: number,
  institutionId: string,
  key: AccountKey,
  mask: string,
  routingNumbers: readonly string[],
): { account: string; routing: string; wire_routing: string | null } {
  const routing = routingNumbers[0] ?? '011401533';
  return {
    account: `${digits(8, seed, institutionId, 'ach', key)}${mask}`,
    routing,
    wire_routing: routingNumbers[1] ?? routing,
  };
}

/** A loan's account number, stable for the account. */
export function loanAccountNumber(
  seed: number,
  institutionId: string,
  purpose: string,
  mask: string,
): string {
  return `${String(hashParts([seed, institutionId, purpose]) % 1_000_000).padStart(6, '0')}${mask}`;
}
