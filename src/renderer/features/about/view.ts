import { defineView } from '../../app/view-entry';
import { AboutView } from './AboutView';
import { aboutSlice, type AboutSlice } from './slice';

export const aboutView = defineView<AboutSlice>({
  id: 'about',
  label: 'About',
  place: 'footer',
  withoutAccounts: true,
  createSlice: () => ({}),
  context: aboutSlice,
  Component: AboutView,
});
