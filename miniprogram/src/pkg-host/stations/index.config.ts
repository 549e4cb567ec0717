export default definePageConfig({ navigationBarTitleText: '我负责的驿站' });
