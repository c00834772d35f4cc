export function RecoveryScreen() {
  return <section aria-labelledby="screen-title"><h1 id="screen-title">Recovery</h1></section>;
}
