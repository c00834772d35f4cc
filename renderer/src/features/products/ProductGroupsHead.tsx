/** The screen's title and what the product level is for, with or without products to group. */
export function ProductGroupsHead() {
  return (
    <div className="screen-head">
      <div>
        <h1>Product groups</h1>
        <p className="muted">The level profiles and growth actions work on: a few dozen groups a rep can talk about, not thousands of product codes.</p>
      </div>
    </div>
  );
}
