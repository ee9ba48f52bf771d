import type { RoleCode } from '../../domain/roles';

/** The directory pages a provider's home links to: capacity for all its staff, clinics for its admins. */
export function ProviderDirectoryLinks({ role }: { role: RoleCode }) {
  return (
    <ul class="nhsuk-list">
      <li>
        <a href="/directory/capacity">Capacity hotspots</a>
      </li>
      {role === 'B1120' && (
        <li>
          <a href="/directory/clinics/cancel">Cancel a clinic</a>
        </li>
      )}
    </ul>
  );
}
