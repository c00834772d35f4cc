/**
 * What a food-service distributor sells and who buys it. The first 12 categories form the default
 * catalogue; patterns name categories, and a pattern category outside the chosen catalogue is
 * dropped (its weight is spread over the rest).
 */
export type Product = { name: string; price: number };
export type CategorySpec = { name: string; products: Product[] };

export const CATALOG: readonly CategorySpec[] = [
  { name: 'Dairy', products: [{ name: 'Whole Milk 4x1gal', price: 14.2 }, { name: 'Butter 36x1lb', price: 128.5 }, { name: 'Cheddar Block 5lb', price: 21.9 }, { name: 'Heavy Cream 12qt', price: 48.6 }, { name: 'Eggs 15dz', price: 39.8 }] },
  { name: 'Meat', products: [{ name: 'Ground Beef 10lb', price: 52.4 }, { name: 'Chicken Breast 40lb', price: 118.0 }, { name: 'Pork Loin 8lb', price: 34.7 }, { name: 'Bacon 15lb', price: 71.3 }, { name: 'Ribeye Case 12lb', price: 164.0 }] },
  { name: 'Produce', products: [{ name: 'Romaine 24ct', price: 36.5 }, { name: 'Tomatoes 25lb', price: 31.2 }, { name: 'Onions 50lb', price: 24.8 }, { name: 'Lemons 115ct', price: 42.0 }, { name: 'Potatoes 50lb', price: 27.6 }] },
  { name: 'Seafood', products: [{ name: 'Salmon Fillet 10lb', price: 118.5 }, { name: 'Shrimp 16/20 5lb', price: 64.9 }, { name: 'Cod Loin 10lb', price: 96.0 }, { name: 'Mussels 10lb', price: 38.4 }] },
  { name: 'Bakery', products: [{ name: 'Brioche Buns 48ct', price: 22.6 }, { name: 'Sourdough Loaf 12ct', price: 29.4 }, { name: 'Croissant Dough 60ct', price: 54.0 }, { name: 'Bagels 48ct', price: 19.8 }] },
  { name: 'Frozen', products: [{ name: 'French Fries 6x5lb', price: 38.9 }, { name: 'Ice Cream 3gal', price: 31.5 }, { name: 'Mixed Vegetables 12x2lb', price: 33.2 }, { name: 'Breaded Chicken 10lb', price: 46.7 }] },
  { name: 'Dry Goods', products: [{ name: 'Flour 50lb', price: 23.4 }, { name: 'Rice 50lb', price: 41.6 }, { name: 'Pasta 20lb', price: 26.8 }, { name: 'Canned Tomatoes 6x#10', price: 29.9 }, { name: 'Fryer Oil 35lb', price: 44.5 }] },
  { name: 'Beverages', products: [{ name: 'Cola Syrup 5gal', price: 92.0 }, { name: 'Bottled Water 24ct', price: 8.9 }, { name: 'Orange Juice 8x64oz', price: 34.0 }, { name: 'Sparkling Water 24ct', price: 18.6 }] },
  { name: 'Paper & Disposables', products: [{ name: 'Napkins 6000ct', price: 41.2 }, { name: 'To-Go Boxes 200ct', price: 36.8 }, { name: 'Hot Cups 1000ct', price: 58.5 }, { name: 'Nitrile Gloves 1000ct', price: 44.0 }] },
  { name: 'Cleaning', products: [{ name: 'Degreaser 4x1gal', price: 39.6 }, { name: 'Sanitizer 2x2.5gal', price: 52.3 }, { name: 'Dish Detergent 5gal', price: 61.0 }, { name: 'Trash Liners 250ct', price: 27.4 }] },
  { name: 'Coffee & Tea', products: [{ name: 'Espresso Beans 5lb', price: 62.0 }, { name: 'House Blend 12x2lb', price: 118.0 }, { name: 'Black Tea 500ct', price: 24.5 }, { name: 'Oat Milk 12x32oz', price: 38.4 }] },
  { name: 'Snacks', products: [{ name: 'Kettle Chips 64ct', price: 32.5 }, { name: 'Granola Bars 96ct', price: 44.8 }, { name: 'Mixed Nuts 6lb', price: 49.0 }, { name: 'Pretzels 48ct', price: 21.7 }] },
  { name: 'Spices', products: [{ name: 'Black Pepper 5lb', price: 46.0 }, { name: 'Kosher Salt 12x3lb', price: 29.5 }, { name: 'Paprika 1lb', price: 11.8 }, { name: 'Garlic Powder 5lb', price: 27.3 }] },
  { name: 'Deli', products: [{ name: 'Sliced Turkey 2x6lb', price: 58.2 }, { name: 'Ham 2x6lb', price: 49.6 }, { name: 'Provolone 6lb', price: 34.1 }, { name: 'Salami 2x3lb', price: 42.7 }] },
  { name: 'Equipment', products: [{ name: 'Sheet Pans 12ct', price: 118.0 }, { name: 'Chef Knife Set', price: 164.5 }, { name: 'Cutting Boards 6ct', price: 72.0 }, { name: 'Fryer Baskets 2ct', price: 58.0 }] },
];

export type PatternSpec = { name: string; segment: string; weights: Record<string, number> };

/** Buying-pattern archetypes: category -> typical share of spend. */
export const PATTERNS: readonly PatternSpec[] = [
  { name: 'full-line restaurant', segment: 'Restaurant', weights: { Meat: 0.26, Produce: 0.2, Dairy: 0.13, Seafood: 0.1, 'Dry Goods': 0.1, Frozen: 0.06, 'Paper & Disposables': 0.05, Cleaning: 0.04, Spices: 0.03, Beverages: 0.03 } },
  { name: 'bakery-cafe', segment: 'Cafe', weights: { Bakery: 0.3, 'Coffee & Tea': 0.22, Dairy: 0.2, 'Paper & Disposables': 0.1, 'Dry Goods': 0.08, Beverages: 0.06, Deli: 0.04 } },
  { name: 'institutional', segment: 'Institution', weights: { Frozen: 0.26, 'Dry Goods': 0.2, Dairy: 0.14, 'Paper & Disposables': 0.13, Cleaning: 0.13, Produce: 0.08, Beverages: 0.06 } },
  { name: 'bar & grill', segment: 'Bar', weights: { Beverages: 0.3, Meat: 0.22, Frozen: 0.16, Snacks: 0.13, 'Paper & Disposables': 0.07, Cleaning: 0.05, Produce: 0.04, Deli: 0.03 } },
  { name: 'seafood house', segment: 'Restaurant', weights: { Seafood: 0.38, Produce: 0.17, Dairy: 0.09, 'Dry Goods': 0.09, Beverages: 0.1, Frozen: 0.06, Cleaning: 0.05, Spices: 0.03, Equipment: 0.03 } },
  { name: 'convenience store', segment: 'Retail', weights: { Snacks: 0.32, Beverages: 0.3, 'Paper & Disposables': 0.1, Frozen: 0.1, 'Coffee & Tea': 0.08, Deli: 0.05, Cleaning: 0.05 } },
];

/** A pattern's core categories: every member buys them (unless a cross-sell gap was planted). */
export const CORE_WEIGHT = 0.13;

export const TERRITORIES: readonly string[] = ['Metro', 'North Valley', 'Coastal', 'Lakes', 'High Plains', 'Riverside'];

export const REP_NAMES: readonly string[] = [
  'Ana Ruiz', 'Ben Carter', 'Chloé Martin', 'Dmitri Volkov', 'Erin Walsh', 'Farah Khan', 'Gus Petersen', 'Hana Sato',
  'Ivan Novak', 'Jade Okafor', 'Kofi Mensah', 'Lena Fischer', 'Marco Bianchi', 'Nina Patel', 'Omar Haddad', 'Priya Rao',
  'Quinn Murphy', 'Rosa Delgado', 'Sam Lee', 'Tess Nguyen', 'Uma Iyer', 'Victor Hugo Lima', 'Wes Brown', 'Yara Costa',
];

const NAME_STEMS: readonly string[] = [
  'Blue Harbor', 'Maple Street', 'Golden Spoon', 'Red Barn', 'Silver Fork', 'Green Table', 'Old Mill', 'Copper Kettle',
  'Lighthouse', 'Sunrise', 'Riverbend', 'Oak & Ash', 'Stone Oven', 'Cedar Point', 'Harvest Moon', 'Brick Lane',
  'Salt & Pepper', 'Juniper', 'Northside', 'Hilltop', 'Union Square', 'Bayview', 'Pine Ridge', 'Cornerstone',
  'Wildflower', 'Iron Skillet', 'Lakeside', 'Three Sisters', 'Magnolia', 'Blackbird', 'Windmill', 'Station Road',
  'Café Olé', 'Brasserie Léon', "Müller's", 'Señor Taco', 'Crème de la Crème', 'Ñandú', 'Zoë & Zeke', 'Île Verte',
  '寿司 Hana', 'Таверна Мир', 'مطعم الواحة', 'Κρήτη', '청담 Kitchen', 'Pho Sài Gòn', 'Dragon Pearl', 'Taj Palace',
];

const NAME_KINDS: readonly string[] = [
  'Grill', 'Bistro', 'Bakery', 'Cafe', 'Diner', 'Kitchen', 'Tavern', 'Market', 'Deli', 'Catering', 'Eatery', 'Brewhouse',
  'School District', 'Care Home', 'Seafood Co.', 'Pizzeria', 'Canteen', 'Trattoria', 'Food Hall', 'Pub',
];

const ADDRESSES: readonly string[] = ['Downtown', 'Eastgate', 'Westfield', 'Harbor', 'Uptown', 'Midtown', 'Airport', 'Old Town'];

/** Special names that exercise exports: a formula injection attempt and CSV quoting. */
export const HOSTILE_NAME = '=HYPERLINK("http://example.com/x","Click me")';
const QUOTED_NAME = 'Smith, Jones & "Sons" Catering';

/** A realistic, deterministic name for the i-th customer (0-based); unique for any i. */
export function customerNameFor(index: number): string {
  if (index === 41) return HOSTILE_NAME;
  if (index === 77) return QUOTED_NAME;
  const stems = NAME_STEMS.length;
  const kinds = NAME_KINDS.length;
  // Stride through stems and kinds so neighbours do not share a stem.
  const stem = NAME_STEMS[(index * 7) % stems];
  const kind = NAME_KINDS[Math.floor(index / stems) % kinds];
  const round = Math.floor(index / (stems * kinds));
  if (round === 0) return `${stem} ${kind}`;
  const place = ADDRESSES[(round - 1) % ADDRESSES.length];
  const repeat = Math.floor((round - 1) / ADDRESSES.length);
  return repeat === 0 ? `${stem} ${kind} ${place}` : `${stem} ${kind} ${place} ${repeat + 1}`;
}
