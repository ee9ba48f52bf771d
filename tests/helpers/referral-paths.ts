export { PATHS, type PathDeps, type PathName, drivePath } from '../../fixtures/referral-paths';
