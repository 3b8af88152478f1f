import { describe, expect, it } from 'vitest';
import type { Owner, PostalAddress } from '../../../shared/contract/auth-identity';
import { addressesAgree, checkOwnership, compareNames, nameTokens } from './ownership';

const home: PostalAddress = {
  street: '2992 Cameron Road',
  city: 'Malakoff',
  region: 'NY',
  postalCode: '14236',
  country: 'US',
};

function owner(names: string[], addresses: PostalAddress[] = [home]): Owner {
  return {
    names,
    emails: [],
    phones: [],
    addresses: addresses.map((a, i) => ({ ...a, primary: i === 0 })),
  };
}

describe('names', () => {
  it('are normalised: accents, case, punctuation, titles and suffixes', () => {
    expect(nameTokens('  Dr. José-María  O’Brien Jr. ')).toEqual(['jose', 'maria', 'o', 'brien']);
  });

  it.each([
    ['Alberta Charleson', 'Alberta Bobbeth Charleson', 'match'],
    ['alberta charleson', 'ALBERTA B. CHARLESON', 'match'],
    ['A. Charleson', 'Alberta Bobbeth Charleson', 'match'],
    ['Charleson, Alberta', 'Alberta Bobbeth Charleson', 'match'],
    ['Renée Lindqvist', 'Renee Lindqvist', 'match'],
    ['Mrs Alberta Charleson', 'Alberta Charleson Sr', 'match'],
    ['Bennett Charleson', 'Alberta Bobbeth Charleson', 'partial'],
    ['Bert Charleson', 'Alberta Charleson', 'partial'],
    ['Alberta Okonkwo', 'Alberta Charleson', 'partial'],
    ['Horace Whitlock', 'Alberta Bobbeth Charleson', 'mismatch'],
    ['', 'Alberta Charleson', 'mismatch'],
  ] as const)('%s against %s: %s', (mine, theirs, expected) => {
    expect(compareNames(mine, theirs)).toBe(expected);
  });
});

describe('addresses', () => {
  it('agree across abbreviations, case and ZIP+4', () => {
    expect(addressesAgree({ ...home, street: '2992 cameron rd.', postalCode: '14236-1234' }, home)).toBe(
      true,
    );
  });
  it('differ on another house number, street or postal code', () => {
    expect(addressesAgree({ ...home, street: '2993 Cameron Road' }, home)).toBe(false);
    expect(addressesAgree({ ...home, street: '2992 Leisure Lane' }, home)).toBe(false);
    expect(addressesAgree({ ...home, postalCode: '14237' }, home)).toBe(false);
    expect(addressesAgree({ ...home, postalCode: null }, home)).toBe(false);
  });
});

describe('an account', () => {
  it('takes its best owner name (a joint account names both holders)', () => {
    const joint = owner(['Alberta Bobbeth Charleson', 'Horace Quinn Charleson']);
    const check = checkOwnership({ name: 'Horace Charleson', address: null }, [joint]);
    expect(check).toMatchObject({
      result: 'match',
      name: 'match',
      address: 'not_checked',
      closestName: 'Horace Quinn Charleson',
    });
  });

  it('is a match only when name and address both agree', () => {
    const accounts = [owner(['Alberta Bobbeth Charleson'])];
    expect(checkOwnership({ name: 'Alberta Charleson', address: home }, accounts).result).toBe('match');
    const moved = { ...home, street: '17 Willow Bend', postalCode: '97024' };
    expect(checkOwnership({ name: 'Alberta Charleson', address: moved }, accounts)).toMatchObject({
      result: 'partial',
      name: 'match',
      address: 'mismatch',
    });
    expect(checkOwnership({ name: 'Horace Whitlock', address: home }, accounts)).toMatchObject({
      result: 'partial',
      name: 'mismatch',
      address: 'match',
    });
    expect(checkOwnership({ name: 'Horace Whitlock', address: moved }, accounts).result).toBe('mismatch');
  });

  it("counts the bank's previous addresses too", () => {
    const old = { ...home, street: '410 Juniper Court', postalCode: '30319' };
    const accounts = [owner(['Alberta Charleson'], [home, old])];
    expect(checkOwnership({ name: 'Alberta Charleson', address: old }, accounts).result).toBe('match');
  });

  it('without any owner is a mismatch that says so', () => {
    const check = checkOwnership({ name: 'Alberta Charleson', address: null }, []);
    expect(check.result).toBe('mismatch');
    expect(check.reason).toMatch(/lists no owner name/);
  });
});
