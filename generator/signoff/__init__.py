"""Clinical sign-off (issue 25): what a language's readers get as one record (snapshot), and whether an
approval covers it as it stands (state)."""
