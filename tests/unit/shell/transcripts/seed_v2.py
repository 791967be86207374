#! models: seed
#! mode: script
#! argv: shell -v 2
print(Post, Tag, Comment)
