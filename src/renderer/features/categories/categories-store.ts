import type { Category, CofferApi } from '../../../shared/api';
import type { ErrorsStore } from '../../ui/errors-store';
import { createResourceStore } from '../../ui/resource-store';

interface CategoryActions {
  /** Creates a user category and returns it (null if the call failed; the banner says why). */
  create(name: string, group: string | null): Promise<Category | null>;
}

export function createCategoriesStore(api: CofferApi, errors: ErrorsStore) {
  return createResourceStore<{ categories: Category[] }, CategoryActions>(
    { categories: [] },
    () => api['categories.list']({}),
    errors,
    (set) => ({
      async create(name, group) {
        try {
          const category = await api['categories.create']({ name, group });
          set((s) => ({ categories: [...s.categories.filter((c) => c.id !== category.id), category] }));
          return category;
        } catch (error) {
          errors.getState().report(error);
          return null;
        }
      },
    }),
  );
}
export type CategoriesStore = ReturnType<typeof createCategoriesStore>;
