import { useState, type FormEvent } from 'react';
import { Profile } from '../../../shared/contract/auth-identity';
import { useShell } from '../../app/shell-context';
import { TextField } from '../../ui/TextField';

const blank = (s: string) => (s.trim() ? s.trim() : null);

/** The user's own name and, optionally, address: what the banks' owners are checked against. */
export function ProfileForm({ profile, onSaved }: { profile: Profile | null; onSaved(): Promise<unknown> }) {
  const { api, errors } = useShell();
  const [name, setName] = useState(profile?.name ?? '');
  const [street, setStreet] = useState(profile?.address?.street ?? '');
  const [city, setCity] = useState(profile?.address?.city ?? '');
  const [region, setRegion] = useState(profile?.address?.region ?? '');
  const [postalCode, setPostalCode] = useState(profile?.address?.postalCode ?? '');
  const [problem, setProblem] = useState<string | null>(null);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = Profile.safeParse({
      name,
      address: street.trim()
        ? { street, city: blank(city), region: blank(region), postalCode: blank(postalCode), country: null }
        : null,
    });
    if (!parsed.success) {
      setProblem(parsed.error.issues[0]?.message ?? 'Check the fields.');
      return;
    }
    setProblem(null);
    try {
      await api['identity.setProfile']({ user: parsed.data });
      await onSaved();
    } catch (error) {
      errors.getState().report(error);
    }
  };

  return (
    <form className="profile-form" aria-label="Your name and address" onSubmit={(e) => void save(e)}>
      <p className="muted small">
        Kept only in your ledger. The address is optional; without it only names are compared.
      </p>
      <TextField label="Your name" value={name} onChange={setName} maxLength={200} />
      <TextField label="Street" value={street} onChange={setStreet} maxLength={200} />
      <TextField label="City" value={city} onChange={setCity} maxLength={100} />
      <TextField label="State or region" value={region} onChange={setRegion} maxLength={100} />
      <TextField label="Postal code" value={postalCode} onChange={setPostalCode} maxLength={20} />
      {problem && (
        <p role="alert" className="error-text">
          {problem}
        </p>
      )}
      <button type="submit" className="button button-primary small">
        Save and check
      </button>
    </form>
  );
}
