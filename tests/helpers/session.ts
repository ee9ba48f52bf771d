export { type SessionFixture as TestSession, signIn } from '../../fixtures/identity';
