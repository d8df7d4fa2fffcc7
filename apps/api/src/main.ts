/** The Hearth HTTP service and dashboard (npm start). */
export {};
