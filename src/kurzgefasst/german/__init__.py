"""The German language layer: everything engines and the guard know about German comes from here."""
