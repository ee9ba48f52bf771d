import { DIRECTORY_PERMISSIONS } from '../../domain/directory/permissions';
import { isPermitted } from '../../domain/permissions';
import type { RoleCode } from '../../domain/roles';

/** The directory pages a provider's home links to, as far as the role may use them. */
export function ProviderDirectoryLinks({ role }: { role: RoleCode }) {
  return (
    <ul class="nhsuk-list">
      {isPermitted(DIRECTORY_PERMISSIONS, 'viewCapacity', role) && (
        <li>
          <a href="/directory/capacity">Capacity hotspots</a>
        </li>
      )}
      {isPermitted(DIRECTORY_PERMISSIONS, 'cancelClinic', role) && (
        <li>
          <a href="/directory/clinics/cancel">Cancel a clinic</a>
        </li>
      )}
    </ul>
  );
}
