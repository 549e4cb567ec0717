export declare const API_ROUTES_FILE: string;
export declare function apiRoutesSource(): string;
