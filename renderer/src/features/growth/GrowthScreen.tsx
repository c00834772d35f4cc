export function GrowthScreen() {
  return <section aria-labelledby="screen-title"><h1 id="screen-title">Growth</h1></section>;
}
