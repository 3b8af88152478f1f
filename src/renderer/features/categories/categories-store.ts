import { createStore } from 'zustand/vanilla';
import type { Category, CofferApi } from '../../../shared/api';
import type { ErrorsStore } from '../../ui/errors-store';

export interface CategoriesState {
  categories: Category[];
  loaded: boolean;
  load(): Promise<void>;
  /** Creates a user category and returns it (null if the call failed; the banner says why). */
  create(name: string, group: string | null): Promise<Category | null>;
}

export function createCategoriesStore(api: CofferApi, errors: ErrorsStore) {
  return createStore<CategoriesState>()((set) => ({
    categories: [],
    loaded: false,
    async load() {
      try {
        const { categories } = await api['categories.list']({});
        set({ categories, loaded: true });
      } catch (error) {
        errors.getState().report(error);
      }
    },
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
  }));
}
export type CategoriesStore = ReturnType<typeof createCategoriesStore>;
