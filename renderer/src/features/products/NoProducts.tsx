import type { ProductGroupsView } from '../../../../shared/contract';
import type { Formatters } from '../../app/format';
import { Stat } from '../../components/Feedback';
import { LEVEL_WORDS, levelDetail } from './level-words';
import { ProductGroupsHead } from './ProductGroupsHead';

/** Sales without product codes (a spend table, an event log, categories only): nothing to group, and what to import to have something. */
export function NoProducts({ level, fmt }: { level: ProductGroupsView['level']; fmt: Formatters }) {
  return (
    <>
      <ProductGroupsHead />
      <div className="stats" data-testid="product-level">
        <Stat label="Level used" value={level ? LEVEL_WORDS[level.level] : '—'} detail={level ? levelDetail(level, fmt.count) : undefined} />
        <Stat label="Products" value={fmt.count(0)} detail="no product column in the sales" />
      </div>
      <p className="notice" role="status" data-testid="no-products">
        {level ? `${level.reason} ` : ''}The sales in this workspace carry no product codes, so there is nothing to group here: profiles and growth actions work on{' '}
        {level?.level === 'categories' ? 'its imported categories' : 'the level above'}. To work on product groups, import sales with a product column (a product ID or stock
        code); a product list (product → group) can then be imported on this screen.
      </p>
    </>
  );
}
