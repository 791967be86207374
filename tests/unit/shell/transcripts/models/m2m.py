from django.db import models


class Author(models.Model):
    name = models.CharField(max_length=100)

    def __str__(self):
        return self.name


class Post(models.Model):
    title = models.CharField(max_length=200)
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="posts")
    editor = models.ForeignKey(Author, null=True, blank=True, on_delete=models.SET_NULL, related_name="edited")

    def __str__(self):
        return self.title


class Reader(models.Model):
    name = models.CharField(max_length=100)
    follows = models.ManyToManyField(Author, through="Subscription", related_name="followers")

    def __str__(self):
        return self.name


class Subscription(models.Model):
    reader = models.ForeignKey(Reader, on_delete=models.CASCADE)
    author = models.ForeignKey(Author, on_delete=models.CASCADE)
    since = models.DateTimeField(auto_now_add=True)


class Person(models.Model):
    name = models.CharField(max_length=100)
    friends = models.ManyToManyField("self", blank=True)
    fans = models.ManyToManyField("self", symmetrical=False, related_name="idols", blank=True)

    def __str__(self):
        return self.name


class Club(models.Model):
    name = models.CharField(max_length=100)
    members = models.ManyToManyField(Person, through="Membership", related_name="clubs")

    def __str__(self):
        return self.name


class Membership(models.Model):
    club = models.ForeignKey(Club, on_delete=models.CASCADE)
    person = models.ForeignKey(Person, on_delete=models.CASCADE)
    role = models.CharField(max_length=20, default="member")
