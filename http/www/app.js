// placeholder: the search page script
